-- n_preambular / n_operative must match the paragraphs actually loaded.
SELECT r.symbol, r.language, r.n_preambular, r.n_operative,
       count(*) FILTER (WHERE p.part = 'preamble') AS preamble_rows,
       count(*) FILTER (WHERE p.part = 'operative') AS operative_rows
FROM resolutions r LEFT JOIN paragraphs p USING (symbol, language)
GROUP BY ALL
HAVING r.n_preambular <> preamble_rows OR r.n_operative <> operative_rows
