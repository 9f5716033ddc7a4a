-- 0093: the annual inspection and supervision plan (chương trình, kế hoạch kiểm tra, giám sát
-- năm): its items, and the item an inspection carries out (issue 16).

CREATE TABLE inspection_plan_item (
    id              INTEGER PRIMARY KEY,
    body_org_id     INTEGER NOT NULL REFERENCES org(id), -- the organization whose body plans it
    year            INTEGER NOT NULL,
    kind            INTEGER NOT NULL,           -- enum inspection_kind
    body            INTEGER NOT NULL,           -- enum inspection_body
    areas           INTEGER NOT NULL DEFAULT 0, -- bit set of enum inspection_area
    planned_orgs    INTEGER NOT NULL DEFAULT 0,
    planned_members INTEGER NOT NULL DEFAULT 0,
    month           INTEGER NOT NULL DEFAULT 0, -- 1..12, 0: in the year
    title           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX inspection_plan_item_year ON inspection_plan_item(year, body_org_id);

ALTER TABLE inspection ADD COLUMN plan_item_id INTEGER REFERENCES inspection_plan_item(id);
CREATE INDEX inspection_plan_item_of ON inspection(plan_item_id);
