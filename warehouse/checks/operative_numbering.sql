-- Operative paragraphs must be numbered 1, 2, 3, ... without gaps in document order.
SELECT symbol, language, seq, number, expected
FROM (
  SELECT symbol, language, seq, number,
         row_number() OVER (PARTITION BY symbol, language ORDER BY seq) AS expected
  FROM paragraphs WHERE part = 'operative'
)
WHERE number IS DISTINCT FROM CAST(expected AS VARCHAR)
