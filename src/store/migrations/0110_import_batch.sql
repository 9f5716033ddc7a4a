-- 0110: a big import written in pieces (issue 11, store_bulk.h "chunked"). While an import is
-- being written its rows are in the member tables already, each piece committed on its own so
-- that other writes go between the pieces, but no reader sees them: the row of import_batch
-- names the ids (rowids) reserved for the import in each table, and the store reads the member
-- tables through views that leave those ranges out (store_sqlite.c). The last piece publishes
-- the import (the counts, then the row here is deleted); a failed or killed import is removed
-- range by range, the row last. At most one import at a time.
CREATE TABLE import_batch (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    started_at TEXT NOT NULL,
    member_lo  INTEGER NOT NULL,
    member_hi  INTEGER NOT NULL,
    event_lo   INTEGER NOT NULL,
    event_hi   INTEGER NOT NULL,
    stint_lo   INTEGER NOT NULL,
    stint_hi   INTEGER NOT NULL,
    gap_lo     INTEGER NOT NULL,
    gap_hi     INTEGER NOT NULL
);

-- The count triggers leave an unpublished import's registrations out: publishing adds them.
DROP TRIGGER member_count_open_insert;
DROP TRIGGER member_count_open_delete;
DROP TRIGGER member_count_open_update;
DROP TRIGGER member_count_at_insert;
DROP TRIGGER member_count_at_delete;
DROP TRIGGER member_count_at_update;

CREATE TRIGGER member_count_open_insert AFTER INSERT ON member_stint
WHEN NEW.kind = 0 AND NEW.valid_to = '9999-12-31'
    AND NOT EXISTS (SELECT 1 FROM import_batch b WHERE NEW.rowid BETWEEN b.stint_lo AND b.stint_hi)
BEGIN
    INSERT INTO member_count_open(org_id, status, n) VALUES (NEW.org_id, NEW.status, 1)
        ON CONFLICT(org_id, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER member_count_open_delete AFTER DELETE ON member_stint
WHEN OLD.kind = 0 AND OLD.valid_to = '9999-12-31'
    AND NOT EXISTS (SELECT 1 FROM import_batch b WHERE OLD.rowid BETWEEN b.stint_lo AND b.stint_hi)
BEGIN
    UPDATE member_count_open SET n = n - 1 WHERE org_id = OLD.org_id AND status = OLD.status;
END;

CREATE TRIGGER member_count_open_update AFTER UPDATE ON member_stint
WHEN NOT EXISTS (SELECT 1 FROM import_batch b WHERE OLD.rowid BETWEEN b.stint_lo AND b.stint_hi)
BEGIN
    UPDATE member_count_open SET n = n - 1
        WHERE OLD.kind = 0 AND OLD.valid_to = '9999-12-31'
        AND org_id = OLD.org_id AND status = OLD.status;
    INSERT INTO member_count_open(org_id, status, n)
        SELECT NEW.org_id, NEW.status, 1 WHERE NEW.kind = 0 AND NEW.valid_to = '9999-12-31'
        ON CONFLICT(org_id, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER member_count_at_insert AFTER INSERT ON member_stint
WHEN NEW.kind = 0
    AND NOT EXISTS (SELECT 1 FROM import_batch b WHERE NEW.rowid BETWEEN b.stint_lo AND b.stint_hi)
BEGIN
    DELETE FROM member_count_day WHERE as_of >= NEW.valid_from AND as_of < NEW.valid_to;
END;

CREATE TRIGGER member_count_at_delete AFTER DELETE ON member_stint
WHEN OLD.kind = 0
    AND NOT EXISTS (SELECT 1 FROM import_batch b WHERE OLD.rowid BETWEEN b.stint_lo AND b.stint_hi)
BEGIN
    DELETE FROM member_count_day WHERE as_of >= OLD.valid_from AND as_of < OLD.valid_to;
END;

CREATE TRIGGER member_count_at_update AFTER UPDATE ON member_stint
WHEN NOT EXISTS (SELECT 1 FROM import_batch b WHERE OLD.rowid BETWEEN b.stint_lo AND b.stint_hi)
BEGIN
    DELETE FROM member_count_day WHERE (OLD.kind = 0 AND as_of >= OLD.valid_from
        AND as_of < OLD.valid_to) OR (NEW.kind = 0 AND as_of >= NEW.valid_from
        AND as_of < NEW.valid_to);
END;
