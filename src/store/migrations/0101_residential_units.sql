-- 0101: residential units (thôn, tổ dân phố, bản, ấp, khu phố) of a commune or ward and the chi bộ
-- that serves each over time (issue 17: "không còn thôn, bản, tổ dân phố không có chi bộ";
-- "100% thôn, bản có đảng viên"). Dates are ISO text; intervals [from, to).

CREATE TABLE residential_unit (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    kind           INTEGER NOT NULL,          -- enum residential_kind
    commune_org_id INTEGER NOT NULL REFERENCES org(id), -- the commune or ward party committee
    valid_from     TEXT NOT NULL,
    valid_to       TEXT NOT NULL DEFAULT '9999-12-31'
);
CREATE INDEX residential_unit_commune ON residential_unit(commune_org_id);

CREATE TABLE residential_link (
    unit_id        INTEGER NOT NULL REFERENCES residential_unit(id),
    org_id         INTEGER NOT NULL REFERENCES org(id), -- the chi bộ serving the unit
    valid_from     TEXT NOT NULL,
    valid_to       TEXT NOT NULL DEFAULT '9999-12-31',
    decision_no    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (unit_id, valid_from)
);
