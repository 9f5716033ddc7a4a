-- synth.sql - a synthetic city-sized database for developing and timing the structure report
-- while no demo data set is at hand. Shape of the hanoi-2020 profile (1 root, 50 above-base,
-- 2,316 base organizations, 176 partial committees, 17,225 chi bộ trực thuộc, ~457k members
-- with probation/official stints, transfers and exits). Values are arbitrary but well-formed.
-- Run on a database created by `tcxd init`: sqlite3 FILE < bench/report/synth.sql
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
BEGIN;
CREATE TEMP TABLE n(i INTEGER PRIMARY KEY);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 600000)
INSERT INTO n SELECT i FROM c;

-- root 1
INSERT INTO org(id, code, tier, form, base_type, name, name_fold, parent_id, created_on)
VALUES (1, 'HN', 0, 0, NULL, 'Đảng bộ thành phố Hà Nội', 'dang bo thanh pho ha noi', NULL, '1990-01-01');
-- 50 above-base: ids 2..51
INSERT INTO org(id, code, tier, form, base_type, name, name_fold, parent_id, created_on)
SELECT 1 + i, printf('HN.%02d', i), 0, 0, NULL, printf('Đảng bộ quận %d', i), printf('dang bo quan %d', i), 1,
       '1990-01-01' FROM n WHERE i <= 50;
-- 2316 base: ids 101..2416; first 1200 đảng bộ cơ sở, rest chi bộ cơ sở
INSERT INTO org(id, code, tier, form, base_type, name, name_fold, parent_id, created_on)
SELECT 100 + i, printf('HN.%02d.%04d', (i - 1) % 50 + 1, i), 1, CASE WHEN i <= 1200 THEN 0 ELSE 1 END,
       (i % 10) + 1, printf('Đảng bộ cơ sở %d', i), printf('dang bo co so %d', i), 2 + (i - 1) % 50,
       '1990-01-01' FROM n WHERE i <= 2316;
-- 176 partial: ids 3001..3176 under base đảng bộ 101..276
INSERT INTO org(id, code, tier, form, base_type, name, name_fold, parent_id, created_on)
SELECT 3000 + i, printf('HN.P%04d', i), 2, 0, NULL, printf('Đảng bộ bộ phận %d', i),
       printf('dang bo bo phan %d', i), 100 + i, '1990-01-01' FROM n WHERE i <= 176;
-- 17225 chi bộ trực thuộc: ids 10001..27225; the first 1000 under partials, rest under base đảng bộ
INSERT INTO org(id, code, tier, form, base_type, name, name_fold, parent_id, created_on)
SELECT 10000 + i, printf('HN.C%05d', i), 2, 1, NULL, printf('Chi bộ %d', i), printf('chi bo %d', i),
       CASE WHEN i <= 1000 THEN 3001 + (i - 1) % 176 ELSE 101 + (i - 1) % 1200 END,
       '1990-01-01' FROM n WHERE i <= 17225;
INSERT INTO org_version(org_id, valid_from, valid_to, parent_id, name)
SELECT id, created_on, '9999-12-31', parent_id, name FROM org;

-- member-holding orgs, numbered 0..
CREATE TEMP TABLE cb(k INTEGER PRIMARY KEY, org_id INTEGER);
INSERT INTO cb(k, org_id) SELECT ROW_NUMBER() OVER (ORDER BY id) - 1, id FROM org WHERE form = 1;

-- 520,000 members: ceremony spread over 1950..2020
INSERT INTO member(id, full_name, name_fold, name_key, gender, birth_date, ethnicity, religion,
                   education, theory_level, admission_decision_date, ceremony_date, official_date,
                   status, org_id)
SELECT i, printf('Nguyễn Văn %d', i), printf('nguyen van %d', i), x'00', i % 3 = 0,
       date('1925-01-01', printf('+%d days', (i * 7919) % 29000)),
       CASE WHEN i % 50 = 0 THEN 'Mường' WHEN i % 77 = 0 THEN 'Tày' ELSE 'Kinh' END,
       CASE WHEN i % 40 = 0 THEN 'Công giáo' ELSE 'Không' END, '12/12', i % 5,
       date('1950-01-01', printf('+%d days', (i * 104729) % 25900)),
       date('1950-01-01', printf('+%d days', (i * 104729) % 25900 + 20)),
       NULL, 2, (SELECT org_id FROM cb WHERE k = i % (SELECT COUNT(*) FROM cb))
FROM n WHERE i <= 520000;
UPDATE member SET official_date = date(ceremony_date, '+12 months');

-- stints: probationary [ceremony, official), official [official, open)
INSERT INTO member_stint(member_id, org_id, valid_from, valid_to, kind, status)
SELECT id, org_id, ceremony_date, official_date, 0, 1 FROM member;
INSERT INTO member_stint(member_id, org_id, valid_from, valid_to, kind, status)
SELECT id, org_id, official_date, '9999-12-31', 0, 2 FROM member WHERE official_date <= '2025-01-01';
-- 12% exited: close their open stint on a date after official
UPDATE member_stint SET valid_to = date(valid_from, printf('+%d days', 200 + member_id % 9000))
WHERE valid_to = '9999-12-31' AND member_id % 25 < 3;
-- 5% transferred: split the open stint, the later part in another chi bộ
INSERT INTO member_stint(member_id, org_id, valid_from, valid_to, kind, status)
SELECT s.member_id, (SELECT org_id FROM cb WHERE k = (s.member_id * 31) % (SELECT COUNT(*) FROM cb)),
       date(s.valid_from, '+1000 days'), '9999-12-31', 0, 2
FROM member_stint s WHERE s.valid_to = '9999-12-31' AND s.member_id % 20 = 7;
UPDATE member_stint SET valid_to = date(valid_from, '+1000 days')
WHERE valid_to = '9999-12-31' AND member_id % 20 = 7
  AND valid_from = (SELECT official_date FROM member m WHERE m.id = member_id);
COMMIT;

