-- naive.sql - the baseline the structure report is measured against: the sentence's figures of
-- one organization on one date in a single SQL statement, the way one would write it without
-- tcxd: a recursive CTE walks the tree of that date from the root through org_version, and the
-- members are counted by joining the subtree to member_stint (registrations valid on the date).
-- bench/report/run.sh substitutes @ROOT@ (organization code) and @DATE@ (ISO date) and runs it
-- with the sqlite3 shell.
WITH RECURSIVE sub(id, depth) AS (
    SELECT o.id, 0 FROM org o WHERE o.code = '@ROOT@'
    UNION ALL
    SELECT v.org_id, sub.depth + 1
    FROM org_version v JOIN sub ON v.parent_id = sub.id JOIN org c ON c.id = v.org_id
    WHERE v.valid_from <= '@DATE@' AND v.valid_to > '@DATE@'
      AND c.created_on <= '@DATE@' AND c.ended_on > '@DATE@'
)
SELECT
    SUM(o.tier = 0 AND sub.depth = 1)                  AS dang_bo_truc_thuoc,
    SUM(o.tier = 1 AND sub.depth > 0)                  AS to_chuc_co_so_dang,
    SUM(o.tier = 2 AND o.form = 0 AND sub.depth > 0)   AS dang_bo_bo_phan,
    SUM(o.tier = 2 AND o.form = 1 AND sub.depth > 0)   AS chi_bo_truc_thuoc,
    (SELECT COUNT(*) FROM sub s2 JOIN member_stint st ON st.org_id = s2.id
      WHERE st.kind = 0 AND st.valid_from <= '@DATE@' AND st.valid_to > '@DATE@') AS dang_vien
FROM sub JOIN org o ON o.id = sub.id;
