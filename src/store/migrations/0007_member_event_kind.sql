-- 0007: drop member_event_kind (kind, date). No statement reads member_event by kind without its
-- member (the export's roll query looks events up by member_id and keeps this index out with
-- +kind), and keeping it cost every member event written: building it after a bulk load was a
-- fifth of importing the hanoi-2020 members (0.9 s of 4.5). A future query listing events of
-- one kind across members (say, the year's disciplines) can add an index that fits it.
DROP INDEX IF EXISTS member_event_kind;
