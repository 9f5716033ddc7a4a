-- 0006: period-end snapshots of the member counts ("chốt số liệu"): per chi bộ and status, the
-- members registered on a past month's last day, stored the first time a count of every
-- organization is made for that day (store_member_counts). They are only an accelerator: the
-- triggers below drop a day's snapshot as soon as any registration covering that day is
-- written, removed or changed (a back-dated event, a merge, an import), so a snapshot is always
-- what counting afresh would give; the day is then counted afresh and stored again.
-- SQLite syntax for the triggers; a PostgreSQL backend writes them as functions.
CREATE TABLE member_count_day (
    as_of TEXT PRIMARY KEY              -- the days whose snapshot is complete
);
CREATE TABLE member_count_at (
    as_of  TEXT NOT NULL,
    org_id INTEGER NOT NULL,
    status INTEGER NOT NULL,
    n      INTEGER NOT NULL
);
-- covering: a day's rows are read in one index range (one row per organization and status:
-- member_count_day's key keeps a day from being stored twice)
CREATE INDEX member_count_at_day ON member_count_at(as_of, org_id, status, n);

-- Only the day's mark goes (one indexed delete per registration written): rows of a day without
-- its mark are never read, and are replaced when the day is stored again.
CREATE TRIGGER member_count_at_insert AFTER INSERT ON member_stint
WHEN NEW.kind = 0
BEGIN
    DELETE FROM member_count_day WHERE as_of >= NEW.valid_from AND as_of < NEW.valid_to;
END;

CREATE TRIGGER member_count_at_delete AFTER DELETE ON member_stint
WHEN OLD.kind = 0
BEGIN
    DELETE FROM member_count_day WHERE as_of >= OLD.valid_from AND as_of < OLD.valid_to;
END;

CREATE TRIGGER member_count_at_update AFTER UPDATE ON member_stint
BEGIN
    DELETE FROM member_count_day WHERE (OLD.kind = 0 AND as_of >= OLD.valid_from
        AND as_of < OLD.valid_to) OR (NEW.kind = 0 AND as_of >= NEW.valid_from
        AND as_of < NEW.valid_to);
END;
