-- One row per lead phrase as used in a session, committee and part (preamble | operative):
-- how many paragraphs open with it and in how many resolutions. Paragraphs without a lead
-- phrase are left out; NULL committee is shown as 'Plenary (no Main Committee)'.
WITH one AS (
    SELECT symbol, language, session_kind, session, committee
    FROM resolutions
    QUALIFY row_number() OVER (PARTITION BY symbol ORDER BY language <> 'en', language) = 1
)
SELECT
    one.session_kind,
    one.session,
    coalesce(one.committee, 'Plenary (no Main Committee)') AS committee,
    p.part,
    p.lead,
    p.language,
    count(*) AS paragraphs,
    count(DISTINCT p.symbol) AS resolutions
FROM one
JOIN paragraphs p USING (symbol, language)
WHERE p.lead IS NOT NULL
GROUP BY ALL
ORDER BY one.session_kind DESC, one.session, committee, p.part DESC, paragraphs DESC, p.lead
