"""The lead phrase of a resolution paragraph ("Recalling also", "Calls upon", "Takes note").

The UN prints the governing verb phrase of every paragraph in italics. Formats that lose the
italics (ODS text, PDFs without font information) must recover it from the words alone, so this
module is a small grammar of UN lead phrases:

    lead        = pre-adverb* head-phrase ( ","? "and" pre-adverb* head-phrase )*
    head-phrase = head modifier* complement? modifier*
    head        = operative: a verb in -s form ("Requests", "Remains concerned", "Continues to")
                  preamble:  a participle or adjective ("Recalling", "Deeply concerned", "Mindful")
    modifier    = also | further | once again | in particular | in this regard | -ly adverb
                  | with (great|deep|...)* (concern|appreciation|...)
                  | in the strongest (possible) terms | without (any) reservation
    complement  = the particle a verb needs (Takes note, Calls upon, Bearing in mind, Looks
                  forward, Pays tribute, Taking into account) or, after verbs of stating
                  (Expresses, Reiterates, Reaffirms...), an attitude noun ("its deep concern").

The object of the verb is never part of the lead: "Recalling its resolutions 48/113" ->
"Recalling", but "Reaffirming its commitment to" -> "Reaffirming its commitment" (measured against
the italics of the Akoma Ntoso corpus by bench/lead_agreement.py).
"""

from __future__ import annotations

import re

from transforms.model import Part

__all__ = ["split_lead"]

_S = r"\s+"
_END = r"(?![\w'\u2019-])"  # a lead ends with a whole word


def _word(pattern: str) -> str:
    """One word (or fixed phrase) matched atomically: words repeated under `*` would otherwise
    backtrack exponentially when one word fits two alternatives ("continued", "equally")."""
    return rf"(?>(?:{pattern}){_END})"


def _alt(words: str | list[str]) -> str:
    """'a b c' -> '(?:a|b|c)', longest first so that 'once again' wins over 'once'."""
    items = words.split() if isinstance(words, str) else words
    items = sorted(items, key=len, reverse=True)
    return "(?:" + "|".join(w.replace(" ", _S) for w in items) + ")"


# --- verb inflection -------------------------------------------------------------------------
# Lemmas are written in the base form; the grammar needs the -s form (operative paragraphs), the
# -ing form (preambular paragraphs) and the base form (after "Continues to").

_DOUBLED = {"commit", "recommit", "regret", "refer", "submit", "permit", "prefer", "concur"}


def _third_person(lemma: str) -> str:
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def _gerund(lemma: str) -> str:
    if lemma in _DOUBLED:
        return lemma + lemma[-1] + "ing"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye")):
        return lemma[:-1] + "ing"
    return lemma + "ing"


_FORMS = {"s": _third_person, "ing": _gerund, "base": lambda lemma: lemma}


def _verb(lemmas: str, form: str) -> str:
    return _alt([_FORMS[form](lemma) for lemma in lemmas.split()])


# --- vocabulary --------------------------------------------------------------------------------

# Operative verbs of General Assembly resolutions (UN editorial usage). Unknown -s verbs are still
# accepted when followed by a typical object (see _GUESSED_S), so this list is about precision.
_OPERATIVE_LEMMAS = """
    accept acknowledge adopt affirm agree allocate amend anticipate apologize appeal applaud
    appoint appreciate appropriate approve assure authorize believe call caution commemorate
    commend commit concur condemn confirm congratulate consider convene declare decide deem
    demand denounce deplore designate determine direct draw emphasize encourage endorse
    establish expect express extend favour greet highlight hope insist instruct invite launch
    maintain note object observe pledge proclaim propose re-emphasize reaffirm realize reassert
    recall recognize recommend recommit reconfirm regret reiterate reject remind renew request
    resolve respect restate revise salute stress strive suggest support take thank trust
    underline underscore understand undertake urge value welcome wish
"""

# Pre-adverbs ("Also requests", "Strongly condemns", "Once again urges") and post-modifiers
# ("Recalling also", "Condemns unequivocally", "Welcoming in this regard").
_ADVERB = _alt(["also", "further", "again", "ever", "once again", "once more"])
# -ly words that are not adverbs: "Urges timely access", "Italy", "Assembly".
_LY_ADVERB = (
    r"(?!(?:only|early|family|supply|apply|reply|assembly|italy|july|rely|timely|friendly"
    r"|likely|costly|orderly|elderly|daily|weekly|monthly|yearly|holy)(?![\w-]))[a-z]{2,}ly"
)
_PRE_ADVERB = _word(rf"{_ADVERB}|{_LY_ADVERB}")
_POST_WORDS = _alt(
    [
        "also", "again", "once again", "once more", "in particular", "in the strongest terms",
        "in the strongest possible terms", "without reservation", "without any reservation",
        "equally",
    ]
)  # fmt: skip
# "further" is an adjective before a noun: "Recalling further that", not "Encourages further
# efforts".
_FUNCTION_WORD = _alt(
    "the that its their his her our all a an to with in on upon for of by at as this these "
    "those any both each every and also once"
)
_FURTHER = rf"further(?=$|[^\w\s]|{_S}(?:{_FUNCTION_WORD}(?![\w-])|[^a-z\s]))"
# Preambular leads take the setting along ("Welcoming in this regard"), operative ones do not.
_SETTING = _alt(["in this regard", "in that regard", "in this respect", "in that respect"])

# Attitudes named by the lead itself: "with great concern", "its deep appreciation".
_INTENSITY = _alt(
    "great grave deep serious particular profound utmost renewed increasing growing continued "
    "continuing special strong strongest firm full very keen considerable sincere warm heartfelt "
    "unwavering unequivocal steadfast previous urgent total complete solemn gravest high highest "
    "sustained further"
)
_FEELINGS = _alt(
    "concern appreciation satisfaction interest regret alarm approval gratitude encouragement "
    "dismay disappointment sorrow sadness pleasure anxiety indignation outrage shock distress"
)
_WITH = rf"with(?:{_S}{_word(_INTENSITY)})*{_S}{_FEELINGS}(?:{_S}and{_S}{_FEELINGS})?"
_MODIFIER = rf"{_POST_WORDS}|{_FURTHER}|{_WITH}|{_LY_ADVERB}"

_ATTITUDE_NOUNS = (
    "concern concerns appreciation gratitude thanks satisfaction regret alarm indignation "
    "abhorrence outrage distress dismay preoccupation sympathy condolences solidarity support "
    "commitment commitments determination resolve conviction belief willingness readiness "
    "request requests call calls appeal appeals demand invitation approval recognition "
    "condemnation opposition respect commendation confidence"
)
_ATTITUDES = _alt(_ATTITUDE_NOUNS)
# Only "Expresses" makes a lead of what it expresses: "Expresses the hope", not "Reaffirming its
# desire to".
_EXPRESSED = _alt(_ATTITUDE_NOUNS + " hope view desire need expectation wish intention")
_ATTITUDE_ADJ = _word(rf"{_INTENSITY}|[a-z]+(?:ed|ing|al|ive|ous|ful|est)|{_LY_ADVERB}")


def _attitude(nouns: str) -> str:
    """ "call upon", "strong and unequivocal condemnation", "concern and regret"."""
    return (
        rf"(?:{_ATTITUDE_ADJ}(?:{_S}and)?{_S})*{nouns}"
        rf"(?:{_S}and{_S}(?:{_ATTITUDE_ADJ}{_S})*{nouns})?"
        rf"(?:(?<=call){_S}(?:upon|for|on)(?![\w-]))?"
    )


# Verbs of stating carry the attitude into the lead; "Expresses" needs no possessive.
_EXPRESS_LEMMAS = "express share voice convey"
_STATE_LEMMAS = (
    "reiterate reaffirm renew recall affirm underline underscore stress emphasize re-emphasize "
    "confirm reconfirm declare pledge restate"
)
_EXPRESS_OBJECT = _attitude(_EXPRESSED)
_STATE_OBJECT = _attitude(_ATTITUDES)
_IT_ADJECTIVES = _alt(
    "important necessary essential appropriate alarming intolerable imperative urgent useful "
    "desirable timely advisable vital crucial indispensable unacceptable regrettable opportune"
)

# Preambular heads that are neither participles nor -ed forms.
_ADJECTIVES = _alt(
    "mindful aware conscious cognizant desirous anxious confident hopeful sensible fearful "
    "grateful thankful appreciative keen eager willing ready"
)
# -ing and -ed words that are not participles heading a paragraph.
_NOT_PARTICIPLES = (
    r"(?!(?:during|nothing|notwithstanding|pending|including|concerning|regarding|according"
    r"|following|something|anything|everything|morning|evening|bring|spring|string|thing"
    r"|united|hundred|limited)(?![\w-]))"
)
_WORD = r"[a-z]+(?:-[a-z]+)*"
_PARTICIPLE_ED = rf"{_NOT_PARTICIPLES}[a-z]{{2,}}(?:-[a-z]+)*(?<!e)ed"
_PARTICIPLE_ING = rf"{_NOT_PARTICIPLES}[a-z]{{2,}}(?:-[a-z]+)*ing"
_STATE = rf"(?:{_PRE_ADVERB}{_S})*+(?:{_PARTICIPLE_ED}|{_ADJECTIVES})"  # "deeply concerned"

# An -s word outside the vocabulary is a verb only when an object follows: this keeps plural
# nouns heading annex text ("States should", "Estimates of", "Representatives designated") out.
_GUESSED_S = (
    rf"[a-z]{{2,}}(?:-[a-z]+)*(?<![suia])s"
    rf"(?={_S}(?:the|that|all|its|their|with|upon|once|also|further|again|Member|member)(?![\w-]))"
)


def _head_phrase(form: str) -> str:
    """One head with its modifiers and complement, for verbs in `form` ('s', 'ing', 'base')."""

    def v(lemmas: str) -> str:
        return _verb(lemmas, form)

    # Only operative verbs take "further" as an adjective of their object ("further efforts").
    modifier = rf"{_MODIFIER}|further|{_SETTING}" if form == "ing" else _MODIFIER
    mods = rf"(?:{_S}{_word(modifier)})*"
    with_complement = _alt(
        [
            rf"{v('take')}{mods}{_S}(?:note|into{_S}account|into{_S}consideration|stock)",
            rf"{v('call')}{mods}{_S}(?:upon|for|on|attention)",
            rf"{v('bear')}{mods}{_S}in{_S}mind",
            rf"{v('look')}{mods}{_S}forward",
            rf"{v('pay')}{mods}{_S}(?:tribute|homage)",
            rf"{v('draw')}{mods}{_S}(?:the{_S})?attention",
            rf"{v('bring')}{_S}to{_S}the{_S}attention",
            rf"{v('give')}{_S}(?:due{_S})?consideration",
            rf"{v('consider believe deem find')}{_S}it{_S}{_IT_ADJECTIVES}",
            rf"{v(_EXPRESS_LEMMAS)}{mods}{_S}(?:(?:its|their|our|the){_S})?{_EXPRESS_OBJECT}",
            rf"{v(_STATE_LEMMAS)}{mods}{_S}(?:its|their|our){_S}{_STATE_OBJECT}",
        ]
    )
    if form == "s":
        aux = rf"(?:remains|is){_S}{_STATE}|continues{_S}to{_S}{_base_head()}"
        head = rf"(?:{aux}|{v(_OPERATIVE_LEMMAS)}|{_GUESSED_S})"
    elif form == "ing":
        aux = (
            rf"(?:being|remaining){_S}{_STATE}|continuing{_S}to{_S}{_base_head()}"
            rf"|having(?:{_S}(?:also|further))?{_S}{_WORD}"
        )
        head = rf"(?:{aux}|{_PARTICIPLE_ING}|{_STATE})"
    else:
        head = _WORD
    return rf"(?:{with_complement}|{head}){mods}"


def _base_head() -> str:
    """The verb after "Continues to": "Continues to express particular concern"."""
    return _head_phrase("base")


def _lead(form: str) -> str:
    # possessive: the head needs none of these adverbs back, and backtracking would be quadratic
    head = rf"(?:{_PRE_ADVERB}{_S})*+{_head_phrase(form)}"
    return rf"{head}(?:,?{_S}and{_S}{head})*{_END}"


# "having considered" is unambiguous at the start of any paragraph, so operative paragraphs
# accept it too ("Having further considered ..." in annexed texts).
_HAVING = rf"having(?:{_S}(?:also|further))?{_S}{_WORD}{_END}"
_GRAMMARS: dict[str, re.Pattern[str]] = {
    "operative": re.compile(rf"{_lead('s')}|{_HAVING}"),
    "preamble": re.compile(_lead("ing")),
}


def split_lead(text: str, part: Part) -> tuple[str | None, str]:
    """(lead, text): the italic lead phrase that `text` starts with, or None; `text` unchanged.

    `text` is one paragraph, its number and footnote markers removed and its start stripped of
    whitespace. The lead is a prefix of `text` without trailing whitespace or punctuation.
    """
    if not text or not "A" <= text[0] <= "Z":
        return None, text
    # The grammar is written in lower case: only the first word of a lead is capitalised. The
    # first letter is ASCII, so lowering it keeps the match offsets those of `text`.
    m = _GRAMMARS[part].match(text[0].lower() + text[1:])
    if m is None:
        return None, text
    return text[: m.end()], text
