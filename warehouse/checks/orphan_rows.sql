-- Child rows whose resolution is not in `resolutions` (a half-replaced document).
SELECT 'paragraphs' AS child, symbol, language FROM paragraphs
  WHERE (symbol, language) NOT IN (SELECT (symbol, language) FROM resolutions)
UNION ALL
SELECT 'footnotes', symbol, language FROM footnotes
  WHERE (symbol, language) NOT IN (SELECT (symbol, language) FROM resolutions)
UNION ALL
SELECT 'citations', symbol, language FROM citations
  WHERE (symbol, language) NOT IN (SELECT (symbol, language) FROM resolutions)
UNION ALL
SELECT 'votes', symbol, language FROM votes
  WHERE (symbol, language) NOT IN (SELECT (symbol, language) FROM resolutions)
UNION ALL
SELECT 'sponsors', symbol, language FROM sponsors
  WHERE (symbol, language) NOT IN (SELECT (symbol, language) FROM resolutions)
UNION ALL
SELECT 'annexes', symbol, language FROM annexes
  WHERE (symbol, language) NOT IN (SELECT (symbol, language) FROM resolutions)
