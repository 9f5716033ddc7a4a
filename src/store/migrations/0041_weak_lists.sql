-- 0041: several weak-organization lists a year, told apart by their basis ('' for the review's
-- own list: decided KHTNV or flagged; 'theo Nghị quyết 15', 'do Ban Chỉ đạo cấp huyện theo
-- dõi' ...), and the date an organization was put on a list (listed_on; NULL: from the start),
-- so a list can be counted as of a date. An organization is listed once per year and basis.
CREATE TABLE weak_org_v2 (
    id               INTEGER PRIMARY KEY,
    org_id           INTEGER NOT NULL REFERENCES org(id),
    year             INTEGER NOT NULL,
    basis            TEXT NOT NULL DEFAULT '',
    source           TEXT NOT NULL,
    plan             TEXT NOT NULL DEFAULT '',
    responsible      TEXT NOT NULL DEFAULT '',
    deadline         TEXT,
    status           TEXT NOT NULL DEFAULT 'open',
    consolidated_on  TEXT,
    listed_on        TEXT,
    updated_at       TEXT NOT NULL,
    UNIQUE (org_id, year, basis)
);
INSERT INTO weak_org_v2(id, org_id, year, basis, source, plan, responsible, deadline, status,
                        consolidated_on, listed_on, updated_at)
    SELECT id, org_id, year, '', source, plan, responsible, deadline, status, consolidated_on,
           NULL, updated_at FROM weak_org;
DROP TABLE weak_org;
ALTER TABLE weak_org_v2 RENAME TO weak_org;
CREATE INDEX weak_org_year ON weak_org(year);
