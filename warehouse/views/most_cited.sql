-- One row per cited symbol (resolutions, decisions, documents, treaties): times cited, and by
-- how many distinct resolutions; title and session as in citation_graph. Most cited first.
SELECT
    cited_symbol,
    kind,
    CAST(sum(citations) AS BIGINT) AS times_cited,
    count(DISTINCT citing_symbol) AS citing_resolutions,
    min(citing_session) AS first_cited_in,
    max(citing_session) AS last_cited_in,
    bool_or(cited_in_warehouse) AS cited_in_warehouse,
    any_value(cited_session) AS cited_session,
    any_value(cited_title) AS cited_title
FROM citation_graph
GROUP BY cited_symbol, kind
ORDER BY times_cited DESC, citing_resolutions DESC, cited_symbol
