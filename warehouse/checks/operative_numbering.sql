-- Numbered operative paragraphs run 1, 2, 3, ... in document order. Numbering may restart at 1
-- (a new section or part) and a few resolutions have unnumbered operative text (a single
-- operative paragraph, a closing decision), but numbers never skip or repeat.
SELECT symbol, language, seq, number, previous
FROM (
  SELECT symbol, language, seq, number,
         lag(number IGNORE NULLS) OVER (PARTITION BY symbol, language ORDER BY seq) AS previous
  FROM paragraphs WHERE part = 'operative'
)
WHERE number IS NOT NULL
  AND (NOT regexp_full_match(number, '\d+')
       OR (number <> '1' AND (previous IS NULL OR NOT regexp_full_match(previous, '\d+')
                              OR CAST(number AS INTEGER) <> CAST(previous AS INTEGER) + 1)))
