-- 0092: the degradation self-check (27 manifestations of NQ 04-NQ/TW x 5 levels) per member
-- per year, with the chi bộ's conclusion (issue 16).
CREATE TABLE degradation_check (
    member_id   INTEGER NOT NULL REFERENCES member(id),
    year        INTEGER NOT NULL,
    org_id      INTEGER NOT NULL REFERENCES org(id), -- the chi bộ on the day recorded
    levels      TEXT NOT NULL,                       -- 27 digits 0..4, items 1.1 .. 3.9
    concluded   INTEGER NOT NULL DEFAULT 0,          -- the chi bộ concluded degradation
    recorded_on TEXT NOT NULL,
    PRIMARY KEY (member_id, year)
);
CREATE INDEX degradation_check_year ON degradation_check(year, org_id);
