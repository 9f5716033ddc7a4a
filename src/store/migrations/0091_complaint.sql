-- 0091: complaints, denunciations and reports (đơn thư khiếu nại, tố cáo, phản ánh) with the
-- complainant's identity kept apart, and account permissions (the "inspection" permission is
-- the only one that reads that identity) (issue 16).

CREATE TABLE complaint (
    id                INTEGER PRIMARY KEY,
    kind              INTEGER NOT NULL,          -- enum complaint_kind
    channel           INTEGER NOT NULL DEFAULT 0, -- enum complaint_channel
    level             INTEGER NOT NULL,          -- enum complaint_level
    handling_org_id   INTEGER NOT NULL REFERENCES org(id), -- the body that received it
    received_on       TEXT NOT NULL,
    subject_org_id    INTEGER REFERENCES org(id),    -- about an organization ...
    subject_member_id INTEGER REFERENCES member(id), -- ... or a member
    discipline_id     INTEGER REFERENCES discipline(id), -- a khiếu nại against this decision
    areas             INTEGER NOT NULL DEFAULT 0,  -- bit set of enum inspection_area
    summary           TEXT NOT NULL DEFAULT '',
    named             INTEGER NOT NULL DEFAULT 0,  -- the complainant gave a name
    classification    INTEGER NOT NULL DEFAULT 0,  -- enum complaint_class
    classified_on     TEXT,
    class_note        TEXT NOT NULL DEFAULT '',
    assignee          TEXT NOT NULL DEFAULT '',
    assigned_on       TEXT,
    extension_days    INTEGER NOT NULL DEFAULT 0,
    extended_on       TEXT,
    result            INTEGER NOT NULL DEFAULT 0,  -- enum complaint_result
    resolved_on       TEXT,
    resolution        TEXT NOT NULL DEFAULT '',
    notified_on       TEXT,
    notice_no         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX complaint_received ON complaint(received_on);
CREATE INDEX complaint_handling ON complaint(handling_org_id, received_on);

-- who wrote it: read only through store_complaint_identity (audited)
CREATE TABLE complaint_identity (
    complaint_id INTEGER PRIMARY KEY REFERENCES complaint(id),
    name         TEXT NOT NULL DEFAULT '',
    address      TEXT NOT NULL DEFAULT '',
    contact      TEXT NOT NULL DEFAULT ''
);

-- permissions beside the role (viewer < staff < admin): 'inspection'
CREATE TABLE user_permission (
    username   TEXT NOT NULL,
    permission TEXT NOT NULL,
    PRIMARY KEY (username, permission)
);
