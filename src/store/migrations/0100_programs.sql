-- 0100: programs and their items with dated statuses, indicators with targets and hand-entered
-- values, the chi bộ meeting register with attendance, and committee members' assignments to
-- attend (issue 17). Dates are ISO text; intervals [from, to) end at '9999-12-31' when open.

CREATE TABLE program (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,       -- "01-CTr/TU"
    title        TEXT NOT NULL,
    org_id       INTEGER NOT NULL REFERENCES org(id), -- the committee whose program it is
    steering     TEXT NOT NULL DEFAULT '',   -- ban chỉ đạo
    period_from  TEXT NOT NULL,
    period_to    TEXT NOT NULL,              -- last day, inclusive
    decision_no  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX program_org ON program(org_id);

CREATE TABLE program_item (
    id           INTEGER PRIMARY KEY,
    program_id   INTEGER NOT NULL REFERENCES program(id),
    no           TEXT NOT NULL,              -- the program's own numbering ("1", "2.3")
    kind         INTEGER NOT NULL,           -- enum program_item_kind
    title        TEXT NOT NULL,
    lead_agency  TEXT NOT NULL,              -- cơ quan chủ trì
    people       TEXT NOT NULL DEFAULT '',   -- people assigned
    start_date   TEXT NOT NULL,
    deadline     TEXT NOT NULL,
    document_no  TEXT NOT NULL DEFAULT '',   -- the item's document, when issued
    UNIQUE (program_id, no)
);

CREATE TABLE program_item_status (
    item_id      INTEGER NOT NULL REFERENCES program_item(id),
    date         TEXT NOT NULL,
    status       INTEGER NOT NULL,           -- enum program_status
    note         TEXT NOT NULL DEFAULT '',
    document_no  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (item_id, date)
);

CREATE TABLE indicator (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    org_id       INTEGER NOT NULL REFERENCES org(id), -- the subtree it is measured over
    source       INTEGER NOT NULL,           -- enum indicator_source
    unit         INTEGER NOT NULL            -- enum indicator_unit
);

-- Targets (source any) and hand-entered values (source manual) per period [from, to], inclusive.
CREATE TABLE indicator_figure (
    indicator_id INTEGER NOT NULL REFERENCES indicator(id),
    what         INTEGER NOT NULL,           -- 0 target, 1 actual value
    period_from  TEXT NOT NULL,
    period_to    TEXT NOT NULL,
    value        INTEGER NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (indicator_id, what, period_from, period_to)
);

CREATE TABLE meeting (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES org(id), -- the chi bộ or committee meeting
    date         TEXT NOT NULL,
    kind         INTEGER NOT NULL,           -- enum meeting_kind
    topic        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_org ON meeting(org_id, date);

-- role 0: a member of the organization present; 1: a guest from a higher committee.
CREATE TABLE meeting_attendee (
    meeting_id   INTEGER NOT NULL REFERENCES meeting(id),
    member_id    INTEGER NOT NULL REFERENCES member(id),
    role         INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, member_id)
);
CREATE INDEX meeting_attendee_member ON meeting_attendee(member_id);

CREATE TABLE attendance_assignment (
    id           INTEGER PRIMARY KEY,
    member_id    INTEGER NOT NULL REFERENCES member(id), -- the committee member
    org_id       INTEGER NOT NULL REFERENCES org(id),    -- commune committee or chi bộ to attend
    valid_from   TEXT NOT NULL,
    valid_to     TEXT NOT NULL DEFAULT '9999-12-31',
    decision_no  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attendance_assignment_org ON attendance_assignment(org_id);
