-- One row per operative paragraph that asks a body to act: its lead is a request, invitation or
-- call ('Requests', 'Also requests', 'Further requests', 'Reiterates its request', 'Invites',
-- 'Calls upon', 'Also calls upon', …). `addressee` is the text between the lead and the first
-- ' to ', ' that ' or ', <lowercase>' ('the Secretary-General', 'all States'); `report_requested`: the
-- text asks for a report ('to report', 'to submit … a report', 'in his next report');
-- `due_session` is the first session named as 'its|their <ordinal> session(s)' that is not
-- before the resolution's own ('at its eightieth session' -> 80); ordinals spelled out to 199.
WITH RECURSIVE one AS (
    SELECT symbol, language, session, committee
    FROM resolutions
    QUALIFY row_number() OVER (PARTITION BY symbol ORDER BY language <> 'en', language) = 1
),
asks AS (
    SELECT
        p.symbol, one.session, one.committee, p.seq, p.number, p.lead, p.text,
        regexp_replace(
            CASE WHEN starts_with(p.text, p.lead) THEN ltrim(substr(p.text, length(p.lead) + 1))
                 ELSE p.text END,
            '^(,[^,]{1,80},\s*|that\s+|to\s+)', ''
        ) AS rest
    FROM paragraphs p
    JOIN one USING (symbol, language)
    WHERE p.part = 'operative'
      AND (regexp_matches(lower(p.lead),
               '^(also |further |again |once again |urgently |strongly |continues to )?'
               || '(requests|invites?|calls upon|calls on|calls once again upon)'
               || '( and encourages)?$')
           OR regexp_matches(lower(p.lead),
               '^(also )?(reiterates|reaffirms|renews|recalls)( with concern)? its '
               || '(previous )?(requests?|call upon|call on)$'))
),
units(n, ord, card) AS (
    VALUES (1, 'first', 'one'), (2, 'second', 'two'), (3, 'third', 'three'),
           (4, 'fourth', 'four'), (5, 'fifth', 'five'), (6, 'sixth', 'six'),
           (7, 'seventh', 'seven'), (8, 'eighth', 'eight'), (9, 'ninth', 'nine')
),
tens(n, ord, card) AS (
    VALUES (20, 'twentieth', 'twenty'), (30, 'thirtieth', 'thirty'), (40, 'fortieth', 'forty'),
           (50, 'fiftieth', 'fifty'), (60, 'sixtieth', 'sixty'), (70, 'seventieth', 'seventy'),
           (80, 'eightieth', 'eighty'), (90, 'ninetieth', 'ninety')
),
below_hundred(n, word) AS (  -- 'first' … 'ninety-ninth'
    SELECT n, ord FROM units
    UNION ALL
    SELECT * FROM (VALUES (10, 'tenth'), (11, 'eleventh'), (12, 'twelfth'), (13, 'thirteenth'),
                          (14, 'fourteenth'), (15, 'fifteenth'), (16, 'sixteenth'),
                          (17, 'seventeenth'), (18, 'eighteenth'), (19, 'nineteenth'))
    UNION ALL
    SELECT n, ord FROM tens
    UNION ALL
    SELECT tens.n + units.n, tens.card || '-' || units.ord FROM tens, units
),
ordinals(n, word) AS (  -- … 'one hundredth', 'one hundred and first' … 'one hundred ninety-ninth'
    SELECT * FROM below_hundred
    UNION ALL
    SELECT 100, 'one hundredth'
    UNION ALL
    SELECT 100 + n, 'one hundred and ' || word FROM below_hundred
    UNION ALL
    SELECT 100 + n, 'one hundred ' || word FROM below_hundred
),
sessions_named AS (  -- 'its|their <…> session(s)' phrases, in text order
    SELECT symbol, seq, session,
           unnest(regexp_extract_all(lower(text), '\b(?:its|their) ([a-z -]{1,60}?) sessions?\b', 1))
               AS phrase,
           generate_subscripts(
               regexp_extract_all(lower(text), '\b(?:its|their) ([a-z -]{1,60}?) sessions?\b', 1),
               1
           ) AS pos
    FROM asks
),
due AS (  -- per paragraph: the first ordinal not before the resolution's session, the longest
           -- at its place ('one hundred and first' rather than 'first')
    SELECT s.symbol, s.seq,
           arg_min(o.n, (s.pos, strpos(' ' || s.phrase || ' ', ' ' || o.word || ' '),
                         -length(o.word))) AS due_session
    FROM sessions_named s
    JOIN ordinals o
        ON contains(' ' || s.phrase || ' ', ' ' || o.word || ' ') AND o.n >= s.session
    GROUP BY s.symbol, s.seq
)
SELECT
    asks.symbol,
    asks.session,
    coalesce(asks.committee, 'Plenary (no Main Committee)') AS committee,
    asks.seq,
    asks.number,
    asks.lead,
    nullif(regexp_extract(asks.rest, '^(.{1,150}?)(?:,\s+[a-z]| to | that |;|:)', 1), '') AS addressee,
    regexp_matches(regexp_extract(asks.rest, '^(.{1,150}?)(?:,\s+[a-z]| to | that |;|:)', 1),
                   'Secretary-General') AS to_secretary_general,
    regexp_matches(asks.text,
        '(?i)\bto report\b|\breport(ing)? (back )?to the\b|\bto (submit|present|prepare|provide|'
        || 'transmit|include|issue|make available|update)\b[^;]{0,250}\breports?\b'
        || '|\bto (inform|brief|update) the (general )?assembly\b') AS report_requested,
    due.due_session,
    asks.text
FROM asks
LEFT JOIN due USING (symbol, seq)
ORDER BY asks.symbol, asks.seq
