-- One row per distinct (citing resolution, cited symbol) pair, with how many times the citing
-- resolution cites it (paragraphs and footnotes). `cited_title` is known when the cited
-- resolution is in the warehouse (a cited `A/RES/75/290` also matches its part `… A`, and a
-- cited `A/RES/75/242 A` the unlettered `A/RES/75/242`);
-- `cited_session` comes from the warehouse, else from the symbol (`A/RES/<session>/<n>`, or the
-- Roman numeral of `A/RES/1514 (XV)`, the numbering of sessions 1–30).
WITH one AS (
    SELECT symbol, language, session_kind, session, title
    FROM resolutions
    QUALIFY row_number() OVER (PARTITION BY symbol ORDER BY language <> 'en', language) = 1
),
pairs AS (
    SELECT
        c.symbol AS citing_symbol,
        any_value(one.session) AS citing_session,
        c.cited_symbol,
        min(c.kind) AS kind,
        count(*) AS citations
    FROM citations c
    JOIN one USING (symbol, language)
    WHERE c.cited_symbol <> c.symbol
    GROUP BY c.symbol, c.cited_symbol
),
-- resolutions by symbol, and by symbol without its part letter (first part wins)
known AS (
    SELECT symbol AS key, session, title, 1 AS rank FROM one
    UNION ALL
    SELECT regexp_replace(symbol, ' [A-Z]$', ''), session, title, 2
    FROM one
    WHERE regexp_matches(symbol, ' [A-Z]$')
    QUALIFY row_number() OVER (PARTITION BY regexp_replace(symbol, ' [A-Z]$', '')
                               ORDER BY symbol) = 1
    UNION ALL  -- part A, printed without its letter before part B existed (`A/RES/75/242`)
    SELECT symbol || ' A', session, title, 3 FROM one WHERE NOT regexp_matches(symbol, ' [A-Z]$')
),
best AS (
    SELECT * FROM known QUALIFY row_number() OVER (PARTITION BY key ORDER BY rank) = 1
),
roman AS (  -- I … XXXIX
    SELECT t.r || u.r AS numeral, t.n + u.n AS session
    FROM (VALUES ('', 0), ('X', 10), ('XX', 20), ('XXX', 30)) t(r, n),
         (VALUES ('', 0), ('I', 1), ('II', 2), ('III', 3), ('IV', 4), ('V', 5), ('VI', 6),
                 ('VII', 7), ('VIII', 8), ('IX', 9)) u(r, n)
    WHERE t.n + u.n > 0
)
SELECT
    p.citing_symbol,
    p.citing_session,
    p.cited_symbol,
    p.kind,
    p.citations,
    best.key IS NOT NULL AS cited_in_warehouse,
    coalesce(
        best.session,
        try_cast(regexp_extract(p.cited_symbol, '^A/RES/(\d+)/\d+', 1) AS INTEGER),
        roman.session
    ) AS cited_session,
    best.title AS cited_title
FROM pairs p
LEFT JOIN best ON best.key = p.cited_symbol
LEFT JOIN roman
    ON roman.numeral = regexp_extract(p.cited_symbol, '^A/RES/\d+ \(([IVX]+)\)$', 1)
ORDER BY p.citing_symbol, p.cited_symbol
