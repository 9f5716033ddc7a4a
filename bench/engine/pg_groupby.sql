-- pg_groupby.sql - groupby.sql for PostgreSQL (pg.sh): the same statements, with the
-- comparisons that SQLite adds as integers cast (::int) and the temporary table's schema
-- left implicit.
DROP TABLE IF EXISTS bm;
CREATE TEMP TABLE bm AS
WITH RECURSIVE sub(id) AS (
    SELECT o.id FROM org o WHERE o.code = '@ROOT@'
    UNION ALL
    SELECT v.org_id
    FROM org_version v JOIN sub ON v.parent_id = sub.id JOIN org c ON c.id = v.org_id
    WHERE v.valid_from <= '@DATE@' AND v.valid_to > '@DATE@'
      AND c.created_on <= '@DATE@' AND c.ended_on > '@DATE@'
)
SELECT m.gender, st.status, m.ethnicity, m.religion, m.education, m.theory_level,
       CAST(substr('@DATE@', 1, 4) AS INTEGER) - CAST(substr(m.birth_date, 1, 4) AS INTEGER)
           - (substr('@DATE@', 6) < substr(m.birth_date, 6))::int AS age,
       CASE WHEN m.admission_decision_date IS NULL OR m.admission_decision_date >= '@DATE@' THEN 0
            ELSE CAST(substr('@DATE@', 1, 4) AS INTEGER)
                 - CAST(substr(m.admission_decision_date, 1, 4) AS INTEGER)
                 - (substr('@DATE@', 6) < substr(m.admission_decision_date, 6))::int END AS party_age
FROM sub JOIN member_stint st ON st.org_id = sub.id JOIN member m ON m.id = st.member_id
WHERE st.kind = 0 AND st.status IN (1, 2) AND st.valid_from <= '@DATE@' AND st.valid_to > '@DATE@';
SELECT gender, COUNT(*) FROM bm GROUP BY gender;
SELECT CASE WHEN age <= 30 THEN 0 WHEN age > 70 THEN 5 ELSE (age - 31) / 10 + 1 END AS band,
       gender, COUNT(*) FROM bm GROUP BY band, gender;
SELECT CASE WHEN party_age >= 50 THEN 5 ELSE party_age / 10 END AS band, COUNT(*)
    FROM bm GROUP BY band;
SELECT ethnicity, COUNT(*) FROM bm GROUP BY ethnicity;
SELECT religion, COUNT(*) FROM bm GROUP BY religion;
SELECT education, COUNT(*) FROM bm GROUP BY education;
SELECT theory_level, COUNT(*) FROM bm GROUP BY theory_level;
SELECT status, COUNT(*) FROM bm GROUP BY status;
