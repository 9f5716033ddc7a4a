-- 0070: cadre work (công tác cán bộ, issue 15): cadres, committees per organization and term,
-- positions and who held them, planning, appointments, rotation, training and confidence votes.
-- Dates are ISO text; intervals [from, to) end at '9999-12-31' when open. The rules are
-- src/core/cadre.h; enums are stored as their index there.

CREATE TABLE cadre (
    id           INTEGER PRIMARY KEY,
    member_id    INTEGER REFERENCES member(id),     -- NULL: not a party member
    full_name    TEXT NOT NULL,
    gender       INTEGER NOT NULL,                  -- enum gender
    birth_date   TEXT,
    ethnicity    TEXT NOT NULL DEFAULT '',
    religion     TEXT NOT NULL DEFAULT '',
    prof         INTEGER NOT NULL DEFAULT 0,        -- enum cadre_prof
    academic     INTEGER NOT NULL DEFAULT 0,        -- enum cadre_academic
    theory       INTEGER NOT NULL DEFAULT 0,        -- enum theory_level
    mgmt         INTEGER NOT NULL,                  -- enum cadre_mgmt: which level manages
    org_id       INTEGER NOT NULL REFERENCES org(id), -- the managing committee's organization
    work_start   TEXT,                              -- start of work (leave support)
    retiring_on  TEXT                               -- notified of leave pending retirement
);
CREATE UNIQUE INDEX cadre_member ON cadre(member_id) WHERE member_id IS NOT NULL;
CREATE INDEX cadre_org ON cadre(org_id);

-- A committee's term (nhiệm kỳ): from the congress to the next.
CREATE TABLE cadre_term (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES org(id),
    label        TEXT NOT NULL,                     -- "2020-2025"
    from_date    TEXT NOT NULL,                     -- the congress
    to_date      TEXT NOT NULL,                     -- the next congress (exclusive)
    UNIQUE (org_id, from_date)
);

CREATE TABLE cadre_seat (
    id           INTEGER PRIMARY KEY,
    term_id      INTEGER NOT NULL REFERENCES cadre_term(id),
    cadre_id     INTEGER NOT NULL REFERENCES cadre(id),
    role         INTEGER NOT NULL,                  -- enum committee_role
    join_kind    INTEGER NOT NULL,                  -- enum committee_join
    from_date    TEXT NOT NULL,
    to_date      TEXT NOT NULL,
    leave_reason INTEGER NOT NULL DEFAULT 0,        -- enum committee_leave
    decision_no  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cadre_seat_term ON cadre_seat(term_id);
CREATE INDEX cadre_seat_cadre ON cadre_seat(cadre_id);

CREATE TABLE cadre_position (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES org(id), -- the unit's party organization
    title        INTEGER NOT NULL,                  -- enum position_title
    sector       INTEGER NOT NULL,                  -- enum position_sector
    level        INTEGER NOT NULL,                  -- enum cadre_mgmt: planned and managed at
    name         TEXT NOT NULL,                     -- "Chủ tịch UBND xã Yên Sở"
    UNIQUE (org_id, name)
);

CREATE TABLE cadre_appointment (
    id           INTEGER PRIMARY KEY,
    cadre_id     INTEGER NOT NULL REFERENCES cadre(id),
    position_id  INTEGER NOT NULL REFERENCES cadre_position(id),
    kind         INTEGER NOT NULL,                  -- enum appoint_kind
    date         TEXT NOT NULL,
    term_end     TEXT,
    decision_no  TEXT NOT NULL DEFAULT '',
    outside      INTEGER NOT NULL DEFAULT 0         -- from outside, planned for an equivalent post
);
CREATE INDEX cadre_appointment_date ON cadre_appointment(date);

CREATE TABLE cadre_holding (
    id           INTEGER PRIMARY KEY,
    cadre_id     INTEGER NOT NULL REFERENCES cadre(id),
    position_id  INTEGER NOT NULL REFERENCES cadre_position(id),
    from_date    TEXT NOT NULL,
    to_date      TEXT NOT NULL,
    term_end     TEXT,
    decision_no  TEXT NOT NULL DEFAULT '',
    appointment_id INTEGER REFERENCES cadre_appointment(id)
);
CREATE INDEX cadre_holding_position ON cadre_holding(position_id);
CREATE INDEX cadre_holding_cadre ON cadre_holding(cadre_id);

CREATE TABLE cadre_plan (
    id           INTEGER PRIMARY KEY,
    term         TEXT NOT NULL,                     -- the planning's term: "2020-2025"
    position_id  INTEGER NOT NULL REFERENCES cadre_position(id),
    cadre_id     INTEGER NOT NULL REFERENCES cadre(id),
    level        INTEGER NOT NULL,                  -- the position's level when added
    added_on     TEXT NOT NULL,
    removed_on   TEXT NOT NULL,
    removed_reason INTEGER NOT NULL DEFAULT 0       -- enum plan_removal
);
CREATE INDEX cadre_plan_term ON cadre_plan(term, position_id);

CREATE TABLE cadre_move (
    id           INTEGER PRIMARY KEY,
    cadre_id     INTEGER NOT NULL REFERENCES cadre(id),
    kind         INTEGER NOT NULL,                  -- enum move_kind
    direction    INTEGER NOT NULL,                  -- enum move_direction
    date         TEXT NOT NULL,
    until_date   TEXT,
    from_text    TEXT NOT NULL DEFAULT '',
    to_org_id    INTEGER NOT NULL REFERENCES org(id),
    decision_no  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cadre_move_date ON cadre_move(date);

CREATE TABLE cadre_training (
    id           INTEGER PRIMARY KEY,
    cadre_id     INTEGER NOT NULL REFERENCES cadre(id),
    programme    INTEGER NOT NULL,                  -- enum training_programme
    mode         INTEGER NOT NULL,                  -- enum training_mode
    from_date    TEXT NOT NULL,
    to_date      TEXT,
    institution  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE cadre_vote_session (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES org(id), -- where the conference was held
    held_on      TEXT NOT NULL,
    year         INTEGER NOT NULL,
    convened     INTEGER NOT NULL,
    present      INTEGER NOT NULL,
    issued       INTEGER NOT NULL,
    returned     INTEGER NOT NULL,
    note         TEXT NOT NULL DEFAULT ''
);

CREATE TABLE cadre_vote (
    session_id   INTEGER NOT NULL REFERENCES cadre_vote_session(id),
    cadre_id     INTEGER NOT NULL REFERENCES cadre(id),
    position_id  INTEGER NOT NULL REFERENCES cadre_position(id),
    high         INTEGER NOT NULL,
    medium       INTEGER NOT NULL,
    low          INTEGER NOT NULL,
    excluded     INTEGER NOT NULL DEFAULT 0,        -- enum vote_exclusion
    PRIMARY KEY (session_id, cadre_id, position_id)
);
CREATE INDEX cadre_vote_cadre ON cadre_vote(cadre_id);
