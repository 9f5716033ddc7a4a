-- 0073: training classes (lớp đào tạo, bồi dưỡng: form 10-BTCTW) and the cadres enrolled in
-- them (issue 15). A class is opened by an organization's committee (the scope of its records);
-- the programme and mode are core/cadre.h's enum training_programme / training_mode, the opener
-- and the result core/training.h's enums, stored as their index. Dates are ISO text; a class
-- runs from_date to to_date, both days. cadre_training (0070) keeps a cadre's course outside any
-- class.

CREATE TABLE cadre_class (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES org(id), -- the opening committee's organization
    opener       INTEGER NOT NULL,                  -- enum class_opener: tinh, huyen, khac
    programme    INTEGER NOT NULL,                  -- enum training_programme
    mode         INTEGER NOT NULL,                  -- enum training_mode
    name         TEXT NOT NULL,                     -- "Lớp Trung cấp LLCT K45"
    from_date    TEXT NOT NULL,
    to_date      TEXT NOT NULL,
    decision_no  TEXT NOT NULL DEFAULT '',          -- the decision opening it
    institution  TEXT NOT NULL DEFAULT ''           -- where it is taught
);
CREATE INDEX cadre_class_from ON cadre_class(from_date);
CREATE INDEX cadre_class_org ON cadre_class(org_id);

CREATE TABLE cadre_enrolment (
    id           INTEGER PRIMARY KEY,
    class_id     INTEGER NOT NULL REFERENCES cadre_class(id),
    cadre_id     INTEGER NOT NULL REFERENCES cadre(id),
    enrolled_on  TEXT NOT NULL,
    result       INTEGER NOT NULL DEFAULT 0,        -- enum enrol_result: studying, completed, not_completed
    grade        TEXT NOT NULL DEFAULT '',          -- the result as written ("Giỏi", "Khá")
    UNIQUE (class_id, cadre_id)
);
CREATE INDEX cadre_enrolment_cadre ON cadre_enrolment(cadre_id);
CREATE INDEX cadre_training_cadre ON cadre_training(cadre_id);
