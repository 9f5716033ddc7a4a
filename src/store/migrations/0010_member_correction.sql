-- 0010: corrections of members' records and events (issue #10). A correction is not a life
-- event: the member row or the member_event row holds the corrected fact (what replays and
-- reports read), and member_correction keeps what it was before, what it became, who, when and
-- why. A cancelled event leaves member_event; its row lives on in `before`.
CREATE TABLE member_correction (
    id        INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES member(id),
    event_id  INTEGER,                 -- member_event.id corrected or cancelled; NULL: the record
    action    TEXT NOT NULL,           -- record | event | cancel
    before    TEXT NOT NULL,           -- JSON
    after     TEXT NOT NULL,           -- JSON ('{}' for a cancellation)
    reason    TEXT NOT NULL,
    username  TEXT NOT NULL,
    at        TEXT NOT NULL            -- UTC 'YYYY-MM-DDTHH:MM:SSZ'
);
CREATE INDEX member_correction_member ON member_correction(member_id, id);
