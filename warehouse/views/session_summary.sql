-- One row per session and committee: how many resolutions were adopted, the share adopted by
-- recorded vote, and the median length (operative paragraphs, words of paragraph text).
-- Each resolution counts once (its English text when there is one, else its first language).
-- NULL committee = adopted in plenary without reference to a Main Committee.
WITH one AS (
    SELECT *
    FROM resolutions
    QUALIFY row_number() OVER (PARTITION BY symbol ORDER BY language <> 'en', language) = 1
),
words AS (
    SELECT symbol, language,
           sum(length(string_split_regex(trim(text), '\s+'))) AS n_words
    FROM paragraphs
    GROUP BY ALL
)
SELECT
    one.session_kind,
    one.session,
    coalesce(one.committee, 'Plenary (no Main Committee)') AS committee,
    count(*) AS resolutions,
    count(*) FILTER (WHERE one.adoption = 'recorded_vote') AS recorded_votes,
    round(count(*) FILTER (WHERE one.adoption = 'recorded_vote') / count(*), 3)
        AS share_recorded_vote,
    median(one.n_operative) AS median_operative_paragraphs,
    median(coalesce(words.n_words, 0)) AS median_words
FROM one
LEFT JOIN words USING (symbol, language)
GROUP BY ALL
ORDER BY one.session_kind DESC, one.session, committee
