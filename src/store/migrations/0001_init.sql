-- 0001: organization tree with history, members with event history, audit log.
-- Dates are ISO 'YYYY-MM-DD' text; open-ended intervals end at '9999-12-31'; intervals are [from, to).
-- Portable SQL (SQLite and PostgreSQL): no AUTOINCREMENT, no SQLite-only functions.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per organization ever created. name/parent here are the current ones (a cache of the
-- latest org_version); history lives in org_version.
CREATE TABLE org (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    tier        INTEGER NOT NULL,          -- enum org_tier
    form        INTEGER NOT NULL,          -- enum org_form
    base_type   INTEGER,                   -- enum org_base_type, base tier only
    name        TEXT NOT NULL,
    name_fold   TEXT NOT NULL,
    parent_id   INTEGER REFERENCES org(id),
    created_on  TEXT NOT NULL,
    ended_on    TEXT NOT NULL DEFAULT '9999-12-31'
);
CREATE INDEX org_parent ON org(parent_id);
CREATE INDEX org_name_fold ON org(name_fold);

-- The organization's name and parent over time.
CREATE TABLE org_version (
    org_id      INTEGER NOT NULL REFERENCES org(id),
    valid_from  TEXT NOT NULL,
    valid_to    TEXT NOT NULL,
    parent_id   INTEGER REFERENCES org(id),
    name        TEXT NOT NULL,
    PRIMARY KEY (org_id, valid_from)
);
CREATE INDEX org_version_parent ON org_version(parent_id, valid_from);

CREATE TABLE org_event (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES org(id),
    kind         TEXT NOT NULL,            -- create rename move merge_in merged_into dissolve
    date         TEXT NOT NULL,
    decision_no  TEXT NOT NULL DEFAULT '',
    other_org_id INTEGER REFERENCES org(id),
    detail       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX org_event_org ON org_event(org_id, date);

CREATE TABLE member (
    id                      INTEGER PRIMARY KEY,
    full_name               TEXT NOT NULL,
    name_fold               TEXT NOT NULL,       -- text_fold(full_name): search key
    name_key                BLOB NOT NULL,       -- Vietnamese roll order: given, family, middle
    gender                  INTEGER NOT NULL,    -- enum gender
    birth_date              TEXT NOT NULL,
    ethnicity               TEXT NOT NULL DEFAULT 'Kinh',
    religion                TEXT NOT NULL DEFAULT 'Không',
    hometown                TEXT NOT NULL DEFAULT '',
    national_id             TEXT,
    education               TEXT NOT NULL DEFAULT '',
    professional_level      TEXT NOT NULL DEFAULT '',
    theory_level            INTEGER NOT NULL DEFAULT 0,
    admission_decision_date TEXT,                -- first admission decision (party age counts from it)
    ceremony_date           TEXT,                -- latest admission ceremony
    official_date           TEXT,
    party_card_no           TEXT,
    status                  INTEGER NOT NULL,    -- enum member_status today (cache of the events)
    exempt                  INTEGER NOT NULL DEFAULT 0,
    org_id                  INTEGER NOT NULL REFERENCES org(id), -- current chi bộ of registration
    died_on                 TEXT
);
CREATE UNIQUE INDEX member_national_id_living ON member(national_id)
    WHERE national_id IS NOT NULL AND died_on IS NULL;
CREATE INDEX member_name_fold ON member(name_fold);
CREATE INDEX member_org ON member(org_id);

-- Every lifecycle fact, dated, with its decision. Derived tables below are rebuilt from these.
CREATE TABLE member_event (
    id            INTEGER PRIMARY KEY,
    member_id     INTEGER NOT NULL REFERENCES member(id),
    kind          INTEGER NOT NULL,        -- enum member_event_kind
    date          TEXT NOT NULL,           -- effective date
    decision_no   TEXT NOT NULL DEFAULT '',
    decision_date TEXT,
    org_id        INTEGER REFERENCES org(id),
    form          INTEGER NOT NULL DEFAULT 0,  -- discipline form / exit kind / transfer kind
    until_date    TEXT,
    detail        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX member_event_member ON member_event(member_id, date);
CREATE INDEX member_event_kind ON member_event(kind, date);

-- Where a member is registered over time and with which status. kind 0: counted (registered),
-- kind 1: temporary activity at the receiving organization (not counted there).
CREATE TABLE member_stint (
    member_id  INTEGER NOT NULL REFERENCES member(id),
    org_id     INTEGER NOT NULL REFERENCES org(id),
    valid_from TEXT NOT NULL,
    valid_to   TEXT NOT NULL,
    kind       INTEGER NOT NULL,
    status     INTEGER NOT NULL
);
CREATE INDEX member_stint_org ON member_stint(org_id, valid_from, valid_to, kind, status, member_id);
CREATE INDEX member_stint_member ON member_stint(member_id);

-- Intervals that do not count towards party age.
CREATE TABLE member_gap (
    member_id  INTEGER NOT NULL REFERENCES member(id),
    valid_from TEXT NOT NULL,
    valid_to   TEXT NOT NULL,
    kind       INTEGER NOT NULL
);
CREATE INDEX member_gap_member ON member_gap(member_id);

-- Append-only: who changed what, when, from where, with before/after values (JSON).
CREATE TABLE audit (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,              -- UTC 'YYYY-MM-DDTHH:MM:SSZ'
    username   TEXT NOT NULL,
    address    TEXT NOT NULL DEFAULT '',
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  INTEGER,
    org_id     INTEGER,
    before     TEXT,
    after      TEXT
);
CREATE INDEX audit_org ON audit(org_id, at);
CREATE INDEX audit_user ON audit(username, at);
