-- 0090: inspection and supervision (kiểm tra, giám sát) with their subjects and teams, party
-- discipline decisions of members and organizations, and appeals (issue 16).

CREATE TABLE inspection (
    id           INTEGER PRIMARY KEY,
    kind         INTEGER NOT NULL,          -- enum inspection_kind
    body         INTEGER NOT NULL,          -- enum inspection_body
    body_org_id  INTEGER NOT NULL REFERENCES org(id), -- the organization whose body does it
    team         TEXT NOT NULL DEFAULT '',  -- the team's name (đoàn kiểm tra)
    areas        INTEGER NOT NULL DEFAULT 0, -- bit set of enum inspection_area
    start_date   TEXT NOT NULL,
    end_date     TEXT,
    concluded_on TEXT,
    conclusion   INTEGER NOT NULL DEFAULT 0, -- enum inspection_conclusion
    findings     TEXT NOT NULL DEFAULT '',
    follow_up    TEXT NOT NULL DEFAULT '',
    decision_no  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX inspection_body_org ON inspection(body_org_id, start_date);
CREATE INDEX inspection_start ON inspection(start_date);

-- one row per subject: an organization or a member
CREATE TABLE inspection_subject (
    inspection_id INTEGER NOT NULL REFERENCES inspection(id),
    org_id        INTEGER REFERENCES org(id),
    member_id     INTEGER REFERENCES member(id)
);
CREATE INDEX inspection_subject_insp ON inspection_subject(inspection_id);

CREATE TABLE inspection_team_member (
    inspection_id INTEGER NOT NULL REFERENCES inspection(id),
    name          TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT ''
);

CREATE TABLE discipline (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER REFERENCES org(id),    -- a disciplined organization
    member_id       INTEGER REFERENCES member(id), -- or a disciplined member
    subject_org_id  INTEGER NOT NULL REFERENCES org(id), -- where the subject stood on the decision
    form            INTEGER NOT NULL,              -- enum party_discipline
    violation_date  TEXT,
    decision_date   TEXT NOT NULL,
    announced_on    TEXT,
    deciding_org_id INTEGER REFERENCES org(id),
    decision_no     TEXT NOT NULL DEFAULT '',
    reason          TEXT NOT NULL DEFAULT '',
    inspection_id   INTEGER REFERENCES inspection(id)
);
CREATE INDEX discipline_decision ON discipline(decision_date);
CREATE INDEX discipline_member ON discipline(member_id);

CREATE TABLE discipline_appeal (
    id            INTEGER PRIMARY KEY,
    discipline_id INTEGER NOT NULL REFERENCES discipline(id),
    lodged_on     TEXT NOT NULL,
    result        INTEGER NOT NULL DEFAULT 0,  -- enum appeal_result
    result_form   INTEGER,                     -- the new form when changed
    decided_on    TEXT,
    decision_no   TEXT NOT NULL DEFAULT ''
);
