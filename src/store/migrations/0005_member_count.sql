-- 0005: fast structure counts on any date (the structure report, tcxd stats).
-- member_count_open holds, per chi bộ and status, how many registrations are open (member_stint
-- kind 0 with valid_to '9999-12-31'); triggers keep it in step with every write to member_stint,
-- whichever code path writes (store_member.c, store_bulk.c). The members registered on a date D
-- are then these open counts, minus the open registrations that began after D, plus the closed
-- ones that spanned D: both found through member_stint_end by their end date, so the work is
-- proportional to what changed after D, not to the number of members.
-- SQLite syntax for the triggers (UPSERT, WHEN); a PostgreSQL backend writes them as functions.
CREATE TABLE member_count_open (
    org_id INTEGER NOT NULL REFERENCES org(id),
    status INTEGER NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (org_id, status)
);
INSERT INTO member_count_open(org_id, status, n)
    SELECT org_id, status, COUNT(*) FROM member_stint
    WHERE kind = 0 AND valid_to = '9999-12-31' GROUP BY org_id, status;

-- valid_to first: the per-organization statements keep using member_stint_org (org_id first).
CREATE INDEX member_stint_end ON member_stint(valid_to, kind, valid_from, org_id, status);

CREATE TRIGGER member_count_open_insert AFTER INSERT ON member_stint
WHEN NEW.kind = 0 AND NEW.valid_to = '9999-12-31'
BEGIN
    INSERT INTO member_count_open(org_id, status, n) VALUES (NEW.org_id, NEW.status, 1)
        ON CONFLICT(org_id, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER member_count_open_delete AFTER DELETE ON member_stint
WHEN OLD.kind = 0 AND OLD.valid_to = '9999-12-31'
BEGIN
    UPDATE member_count_open SET n = n - 1 WHERE org_id = OLD.org_id AND status = OLD.status;
END;

CREATE TRIGGER member_count_open_update AFTER UPDATE ON member_stint
BEGIN
    UPDATE member_count_open SET n = n - 1
        WHERE OLD.kind = 0 AND OLD.valid_to = '9999-12-31'
        AND org_id = OLD.org_id AND status = OLD.status;
    INSERT INTO member_count_open(org_id, status, n)
        SELECT NEW.org_id, NEW.status, 1 WHERE NEW.kind = 0 AND NEW.valid_to = '9999-12-31'
        ON CONFLICT(org_id, status) DO UPDATE SET n = n + 1;
END;
