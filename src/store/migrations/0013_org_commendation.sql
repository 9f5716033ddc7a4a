-- 0013: commendations of party organizations (khen thưởng tổ chức đảng: cờ, bằng khen, giấy khen;
-- issue 10), as form 7 (BTCTW) section I.1 counts them. form is enum commend_form (core/member.h);
-- date is the decision's; detail says what for (and who awarded it).
CREATE TABLE org_commendation (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES org(id),
    date        TEXT NOT NULL,
    form        INTEGER NOT NULL,
    decision_no TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX org_commendation_org ON org_commendation(org_id, date);
