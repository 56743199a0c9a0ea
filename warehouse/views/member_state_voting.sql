-- One row per Member State and session where recorded votes are known: votes cast by kind and
-- agreement with the majority. A resolution's majority is 'yes' or 'no', whichever of the two
-- the listed States cast more often (none on a tie). `agreement` = votes equal to the majority
-- / votes cast (yes, no or abstain) on resolutions that have a majority. Names are grouped
-- ignoring accents and case (TÜRKİYE = TÜRKIYE) and shown in their most frequent spelling.
WITH one AS (
    SELECT symbol, language, session_kind, session
    FROM resolutions
    QUALIFY row_number() OVER (PARTITION BY symbol ORDER BY language <> 'en', language) = 1
),
cast_votes AS (
    SELECT v.symbol, one.session_kind, one.session, v.member_state, v.vote,
           upper(strip_accents(replace(v.member_state, '’', ''''))) AS state_key
    FROM votes v
    JOIN one USING (symbol, language)
),
spelling AS (  -- the most frequent spelling of each State in a session
    SELECT state_key, session_kind, session, member_state
    FROM cast_votes
    GROUP BY state_key, session_kind, session, member_state
    QUALIFY row_number() OVER (PARTITION BY state_key, session_kind, session
                               ORDER BY count(*) DESC, member_state) = 1
),
majority AS (
    SELECT symbol,
           CASE WHEN count(*) FILTER (WHERE vote = 'yes') > count(*) FILTER (WHERE vote = 'no')
                    THEN 'yes'
                WHEN count(*) FILTER (WHERE vote = 'no') > count(*) FILTER (WHERE vote = 'yes')
                    THEN 'no'
           END AS majority
    FROM cast_votes
    GROUP BY symbol
)
SELECT
    any_value(n.member_state) AS member_state,
    c.session_kind,
    c.session,
    count(DISTINCT c.symbol) AS recorded_votes,
    count(*) FILTER (WHERE c.vote = 'yes') AS yes,
    count(*) FILTER (WHERE c.vote = 'no') AS no,
    count(*) FILTER (WHERE c.vote = 'abstain') AS abstain,
    count(*) FILTER (WHERE c.vote = 'non_voting') AS non_voting,
    count(*) FILTER (WHERE c.vote = m.majority) AS with_majority,
    count(*) FILTER (WHERE c.vote IN ('yes', 'no', 'abstain') AND m.majority IS NOT NULL)
        AS votes_with_a_majority,
    round(
        count(*) FILTER (WHERE c.vote = m.majority)
        / nullif(count(*) FILTER (WHERE c.vote IN ('yes', 'no', 'abstain')
                                  AND m.majority IS NOT NULL), 0),
        3
    ) AS agreement
FROM cast_votes c
JOIN majority m USING (symbol)
JOIN spelling n USING (state_key, session_kind, session)
GROUP BY c.state_key, c.session_kind, c.session
ORDER BY c.session_kind DESC, c.session, member_state
