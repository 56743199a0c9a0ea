-- Paragraph footnote links that point at no footnote of the same resolution.
SELECT p.symbol, p.language, p.seq, m.marker
FROM paragraphs p, unnest(p.footnote_markers) AS m(marker)
WHERE NOT EXISTS (
  SELECT 1 FROM footnotes f
  WHERE f.symbol = p.symbol AND f.language = p.language AND f.marker = m.marker
)
