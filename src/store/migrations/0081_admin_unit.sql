-- 0081: administrative units' area and population as imported data (the merger analysis of
-- NQ 653/2019: units below 50 % of both standards). One row per unit and as-of date: a later
-- import with another date adds a row, the same date replaces it.
CREATE TABLE admin_unit (
    code          TEXT NOT NULL,            -- GSO code (province 2 digits, commune 5)
    as_of         TEXT NOT NULL,            -- the figures' date
    name          TEXT NOT NULL,
    level         INTEGER NOT NULL,         -- 0 province, 1 district, 2 commune
    province_code TEXT NOT NULL DEFAULT '',
    kind          INTEGER NOT NULL,         -- enum admin_kind
    terrain       INTEGER NOT NULL DEFAULT 0, -- enum admin_terrain
    area_km2      REAL,
    population    INTEGER,
    source        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (code, as_of)
);
CREATE INDEX admin_unit_province ON admin_unit(province_code, level);
