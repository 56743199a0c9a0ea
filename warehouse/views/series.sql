-- One row per resolution that recurs across sessions, linked to its predecessor (the matching
-- resolution of the nearest earlier session) and its successor. A predecessor matches by
--   'title':         the same normalised title (lowercase; accents, number words, digits,
--                    punctuation and spaces removed: "… seventy-fifth session" = "… sixth …");
--   'similar_title': same committee and jaro_winkler_similarity of those titles >= 0.95;
--   'citation':      the resolution cites it, same committee, title similarity >= 0.9.
-- Ties go to the nearest session, then title > similar_title > citation, the higher similarity
-- and the same part letter (`… A` to `… A`); a predecessor keeps only its best successor.
-- series_id is the symbol of the first resolution of the chain; position counts from 1.
WITH RECURSIVE one AS (
    SELECT
        symbol, session_kind, session, committee, title,
        coalesce(regexp_extract(symbol, ' ([A-Z])$', 1), '') AS part_letter,
        regexp_replace(regexp_replace(
            lower(strip_accents(title)),
            '\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|'
            || 'fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|'
            || 'fifty|sixty|seventy|eighty|ninety|hundred|first|second|third|fourth|fifth|'
            || 'sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|'
            || 'fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|'
            || 'fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth|hundredth)\b',
            ' ', 'g'), '[^a-z]+', '', 'g') AS norm_title
    FROM resolutions
    QUALIFY row_number() OVER (PARTITION BY symbol ORDER BY language <> 'en', language) = 1
),
candidates AS (
    SELECT a.symbol AS predecessor, b.symbol, 'title' AS link, 1 AS priority, 1.0 AS similarity
    FROM one a
    JOIN one b
        ON a.norm_title = b.norm_title AND a.session_kind = b.session_kind
        AND a.session < b.session
    UNION ALL
    SELECT a.symbol, b.symbol, 'similar_title', 2, jaro_winkler_similarity(a.norm_title, b.norm_title)
    FROM one a
    JOIN one b
        ON a.committee IS NOT DISTINCT FROM b.committee AND a.session_kind = b.session_kind
        AND a.session < b.session AND a.norm_title <> b.norm_title
    WHERE jaro_winkler_similarity(a.norm_title, b.norm_title) >= 0.95
    UNION ALL
    SELECT DISTINCT a.symbol, b.symbol, 'citation', 3,
           jaro_winkler_similarity(a.norm_title, b.norm_title)
    FROM citations c
    JOIN one b ON b.symbol = c.symbol
    JOIN one a
        ON a.symbol = c.cited_symbol AND a.committee IS NOT DISTINCT FROM b.committee
        AND a.session_kind = b.session_kind AND a.session < b.session
    WHERE jaro_winkler_similarity(a.norm_title, b.norm_title) >= 0.9
),
ranked AS (
    SELECT c.*, a.session AS predecessor_session, b.session,
           row_number() OVER (
               PARTITION BY c.symbol
               ORDER BY a.session DESC, c.priority, c.similarity DESC,
                        a.part_letter = b.part_letter DESC, c.predecessor
           ) AS rank_for_successor,
           a.part_letter = b.part_letter AS same_letter
    FROM candidates c
    JOIN one a ON a.symbol = c.predecessor
    JOIN one b ON b.symbol = c.symbol
),
links AS (
    SELECT predecessor, predecessor_session, symbol, session, link, similarity
    FROM ranked
    WHERE rank_for_successor = 1
    QUALIFY row_number() OVER (
        PARTITION BY predecessor
        ORDER BY session, priority, similarity DESC, same_letter DESC, symbol
    ) = 1
),
chain AS (
    SELECT l.predecessor AS series_id, l.predecessor AS symbol, 1 AS position
    FROM links l
    WHERE l.predecessor NOT IN (SELECT symbol FROM links)
    UNION ALL
    SELECT chain.series_id, l.symbol, chain.position + 1
    FROM chain
    JOIN links l ON l.predecessor = chain.symbol
)
SELECT
    chain.series_id,
    chain.position,
    count(*) OVER (PARTITION BY chain.series_id) AS series_length,
    one.symbol,
    one.session_kind,
    one.session,
    one.committee,
    one.title,
    back.predecessor,
    back.predecessor_session,
    back.link,
    round(back.similarity, 3) AS similarity,
    fwd.symbol AS successor,
    fwd.session AS successor_session
FROM chain
JOIN one USING (symbol)
LEFT JOIN links back ON back.symbol = chain.symbol
LEFT JOIN links fwd ON fwd.predecessor = chain.symbol
ORDER BY chain.series_id, chain.position
