-- Resolutions loaded more than once for one (symbol, language): the load key must be unique.
SELECT symbol, language, count(*) AS copies
FROM resolutions
GROUP BY symbol, language
HAVING count(*) > 1
