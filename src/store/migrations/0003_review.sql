-- 0003: the annual quality review (kiểm điểm, đánh giá, xếp loại chất lượng): scoring rubrics,
-- one review record per subject and year with its steps and scores, and weak organizations
-- with their consolidation plans. Points are hundredths (8,5 points = 850). Levels, steps,
-- states and subjects are the stable names of src/core/review.h ("htxsnv", "self_assess" ...).
-- Portable SQL (SQLite and PostgreSQL).

-- A rubric edited or imported by an admin, for one kind of subject and a range of review years.
-- Importing again for the same subject and first year adds a new version; a review keeps the
-- version it started with. Built-in rubrics are not stored (review_rubric_default).
CREATE TABLE review_rubric (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    subject     TEXT NOT NULL,               -- member leader chi_bo dang_bo leadership
    year_from   INTEGER NOT NULL,
    year_to     INTEGER NOT NULL DEFAULT 0,  -- 0: open
    version     INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    UNIQUE (subject, year_from, version)
);

CREATE TABLE review_rubric_group (
    rubric_id   INTEGER NOT NULL REFERENCES review_rubric(id),
    seq         INTEGER NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    max_points  INTEGER NOT NULL,
    PRIMARY KEY (rubric_id, seq)
);

CREATE TABLE review_rubric_criterion (
    rubric_id   INTEGER NOT NULL REFERENCES review_rubric(id),
    seq         INTEGER NOT NULL,
    group_seq   INTEGER NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    max_points  INTEGER NOT NULL,
    PRIMARY KEY (rubric_id, seq)
);

-- One subject's review for one year. member_id set: a member, org_id is the chi bộ the member
-- was registered in on review_date; member_id NULL: the organization org_id. The level and
-- total columns cache the latest step of each kind (the steps are the record).
CREATE TABLE review (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL,
    member_id       INTEGER REFERENCES member(id),
    org_id          INTEGER NOT NULL REFERENCES org(id),
    subject         TEXT NOT NULL,
    ruleset         TEXT NOT NULL,
    rubric_id       INTEGER REFERENCES review_rubric(id),   -- NULL: the built-in rubric
    rubric_name     TEXT NOT NULL,
    review_date     TEXT NOT NULL,
    state           TEXT NOT NULL,
    self_level      TEXT,
    self_total      INTEGER,
    verified_level  TEXT,
    verified_total  INTEGER,
    proposed_level  TEXT,
    final_level     TEXT,
    decision_no     TEXT NOT NULL DEFAULT '',
    decision_date   TEXT,
    votes_returned  INTEGER,
    votes_low       INTEGER,
    updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX review_member_year ON review(member_id, year) WHERE member_id IS NOT NULL;
CREATE UNIQUE INDEX review_org_year ON review(org_id, year) WHERE member_id IS NULL;
CREATE INDEX review_year_org ON review(year, org_id);

-- Every step, in order: self_assess, verify, decide, amend. level: the proposed level (self,
-- verify) or the decided one (decide, amend). text: comments, notes or the amendment reason.
-- proposal: JSON {level, score_level, forced, reasons} computed by review_propose; facts: JSON
-- of what the verifier entered (votes, flags) and what the registry gave.
CREATE TABLE review_step (
    id             INTEGER PRIMARY KEY,
    review_id      INTEGER NOT NULL REFERENCES review(id),
    step           TEXT NOT NULL,
    level          TEXT NOT NULL,
    total          INTEGER,
    text           TEXT NOT NULL DEFAULT '',
    decision_no    TEXT NOT NULL DEFAULT '',
    decision_date  TEXT,
    cap_exception  TEXT NOT NULL DEFAULT '',
    proposal       TEXT,
    facts          TEXT,
    username       TEXT NOT NULL,
    at             TEXT NOT NULL
);
CREATE INDEX review_step_review ON review_step(review_id, id);

-- Scores of a step per criterion: points (points rule sets) or grade (grade rule sets).
CREATE TABLE review_score (
    step_id    INTEGER NOT NULL REFERENCES review_step(id),
    criterion  TEXT NOT NULL,
    points     INTEGER,
    grade      TEXT,
    PRIMARY KEY (step_id, criterion)
);

-- Weak organizations: decided "Không hoàn thành nhiệm vụ" (source 'decided', added by the
-- decision) or flagged for consolidation (source 'flagged'), with the consolidation plan.
CREATE TABLE weak_org (
    id               INTEGER PRIMARY KEY,
    org_id           INTEGER NOT NULL REFERENCES org(id),
    year             INTEGER NOT NULL,
    source           TEXT NOT NULL,
    plan             TEXT NOT NULL DEFAULT '',
    responsible      TEXT NOT NULL DEFAULT '',
    deadline         TEXT,
    status           TEXT NOT NULL DEFAULT 'open',   -- open in_progress consolidated
    consolidated_on  TEXT,
    updated_at       TEXT NOT NULL,
    UNIQUE (org_id, year)
);
CREATE INDEX weak_org_year ON weak_org(year);
