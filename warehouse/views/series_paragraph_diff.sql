-- One row per paragraph that differs between a resolution and its predecessor in `series`:
-- change = 'added' (only in the resolution), 'removed' (only in the predecessor) or 'changed'
-- (old_text -> new_text; lead shows the new one). Unchanged paragraphs are left out. Paragraphs
-- match first by identical text within the same part; the rest by a word-set Dice similarity
-- (2|A∩B| / (|A|+|B|) over distinct lowercase words) within the same part: >= 0.6 with the same
-- lead phrase, >= 0.8 with another lead when the three words after the leads agree ('Recalling
-- also the statement …' -> 'Recalling the statement …'); same lead first, then the most similar,
-- mutual best matches only. `seq` is the paragraph's place in the resolution
-- (in the predecessor for 'removed').
WITH pairs AS (
    SELECT predecessor, predecessor_session, symbol, session
    FROM series
    WHERE predecessor IS NOT NULL
),
para AS (  -- one language per resolution, as in the other views
    SELECT symbol, seq, part, lead, text,
           list_distinct(string_split_regex(lower(text), '[^\p{L}\p{N}]+')) AS words,
           -- the first three words after the lead phrase
           nullif(regexp_extract(
               lower(CASE WHEN starts_with(text, lead) THEN substr(text, length(lead) + 1)
                          ELSE text END),
               '^[^a-z0-9]*([a-z0-9]+[^a-z0-9]+[a-z0-9]+[^a-z0-9]+[a-z0-9]+)', 1), '') AS opening
    FROM paragraphs
    QUALIFY dense_rank() OVER (PARTITION BY symbol ORDER BY language <> 'en', language) = 1
),
old AS (
    SELECT pairs.symbol AS pair, para.*,
           row_number() OVER (PARTITION BY pairs.symbol, para.part, para.text ORDER BY para.seq) AS k
    FROM pairs JOIN para ON para.symbol = pairs.predecessor
),
new AS (
    SELECT pairs.symbol AS pair, para.*,
           row_number() OVER (PARTITION BY pairs.symbol, para.part, para.text ORDER BY para.seq) AS k
    FROM pairs JOIN para ON para.symbol = pairs.symbol
),
old_rest AS (SELECT * FROM old ANTI JOIN new USING (pair, part, text, k)),
new_rest AS (SELECT * FROM new ANTI JOIN old USING (pair, part, text, k)),
candidates AS (  -- same lead phrase, or another lead with the same opening words
    SELECT o.pair, o.seq AS old_seq, n.seq AS new_seq, true AS same_lead, o.words AS ow,
           n.words AS nw
    FROM old_rest o
    JOIN new_rest n
        ON o.pair = n.pair AND o.part = n.part AND o.lead IS NOT DISTINCT FROM n.lead
    UNION ALL
    SELECT o.pair, o.seq, n.seq, false, o.words, n.words
    FROM old_rest o
    JOIN new_rest n ON o.pair = n.pair AND o.part = n.part AND o.opening = n.opening
    WHERE o.lead IS DISTINCT FROM n.lead
),
scored AS (
    SELECT pair, old_seq, new_seq, same_lead,
           2 * len(list_intersect(ow, nw)) / (len(ow) + len(nw)) AS similarity
    FROM candidates
),
changed AS (
    SELECT pair, old_seq, new_seq, similarity
    FROM (
        SELECT *,
               row_number() OVER (PARTITION BY pair, old_seq
                                  ORDER BY same_lead DESC, similarity DESC, new_seq) AS old_rank,
               row_number() OVER (PARTITION BY pair, new_seq
                                  ORDER BY same_lead DESC, similarity DESC, old_seq) AS new_rank
        FROM scored
        WHERE (same_lead AND similarity >= 0.6) OR similarity >= 0.8
    )
    WHERE old_rank = 1 AND new_rank = 1
),
diff AS (
    SELECT pair, old_seq, new_seq, 'changed' AS change, similarity FROM changed
    UNION ALL
    SELECT pair, seq, NULL, 'removed', NULL FROM old_rest
    WHERE (pair, seq) NOT IN (SELECT (pair, old_seq) FROM changed)
    UNION ALL
    SELECT pair, NULL, seq, 'added', NULL FROM new_rest
    WHERE (pair, seq) NOT IN (SELECT (pair, new_seq) FROM changed)
)
SELECT
    pairs.symbol,
    pairs.session,
    pairs.predecessor,
    pairs.predecessor_session,
    coalesce(n.part, o.part) AS part,
    coalesce(diff.new_seq, diff.old_seq) AS seq,
    diff.old_seq,
    diff.new_seq,
    diff.change,
    coalesce(n.lead, o.lead) AS lead,
    round(diff.similarity, 3) AS similarity,
    o.text AS old_text,
    n.text AS new_text
FROM diff
JOIN pairs ON pairs.symbol = diff.pair
LEFT JOIN old o ON o.pair = diff.pair AND o.seq = diff.old_seq
LEFT JOIN new n ON n.pair = diff.pair AND n.seq = diff.new_seq
ORDER BY pairs.symbol, seq, diff.change DESC
