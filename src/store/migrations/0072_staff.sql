-- 0072: the staffing roll (biên chế, issue 15): the people paid from the budget in the bodies of
-- the Party, the Fatherland Front and the mass organizations at province and district level
-- (forms 8A, 8B-BTCTW). A person's place on the roll is dated events (staff_event): join, move
-- to another body, new grade, leave; src/core/staff.h replays them. Enums are stored as their
-- index there; dates are ISO text.

-- A body of the roll: an organization of the tree itself, or a named body attached to one
-- (the managing organization: scope and subtree counts), with form 8B's kind and level.
CREATE TABLE staff_body (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES org(id),
    name         TEXT NOT NULL,
    kind         INTEGER NOT NULL,                  -- enum staff_body_kind
    level        INTEGER NOT NULL,                  -- enum staff_level
    UNIQUE (org_id, name)
);

-- A person on the roll. Linked to a cadre record, the attributes are the cadre's (read through
-- the link, never copied); otherwise kept here.
CREATE TABLE staff_person (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES org(id), -- the managing organization (scope)
    cadre_id     INTEGER REFERENCES cadre(id),
    member_id    INTEGER REFERENCES member(id),
    full_name    TEXT NOT NULL,
    gender       INTEGER NOT NULL,                  -- enum gender
    birth_date   TEXT,
    ethnicity    TEXT NOT NULL DEFAULT '',
    prof         INTEGER NOT NULL DEFAULT 0,        -- enum cadre_prof
    academic     INTEGER NOT NULL DEFAULT 0,        -- enum cadre_academic
    theory       INTEGER NOT NULL DEFAULT 0,        -- enum theory_level
    party        INTEGER NOT NULL DEFAULT 0         -- a party member not in this database
);
CREATE UNIQUE INDEX staff_person_cadre ON staff_person(cadre_id) WHERE cadre_id IS NOT NULL;
CREATE INDEX staff_person_org ON staff_person(org_id);

CREATE TABLE staff_event (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES staff_person(id),
    kind         INTEGER NOT NULL,                  -- enum staff_ev_kind
    date         TEXT NOT NULL,
    body_id      INTEGER REFERENCES staff_body(id), -- join, move
    join_kind    INTEGER NOT NULL DEFAULT 0,        -- enum staff_join
    category     INTEGER NOT NULL DEFAULT 0,        -- enum staff_category
    grade        INTEGER NOT NULL DEFAULT 0,        -- enum staff_grade
    talent       INTEGER NOT NULL DEFAULT 0,
    experience   INTEGER NOT NULL DEFAULT 0,
    leave_kind   INTEGER NOT NULL DEFAULT 0,        -- enum staff_leave
    decision_no  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX staff_event_person ON staff_event(person_id, date, id);
