-- 0080: an organization's tier, form and type over time (the 2025 restructuring re-tiers
-- organizations: a chi bộ trực thuộc of a ward committee becomes a chi bộ cơ sở under the new
-- commune committee and keeps its identity and history).
-- NULL in a version means "as in org" (rows written before this migration and by the bulk
-- load); a change of tier first pins the older versions to the old values, then org holds the
-- latest. base_type 0 in a version means none.
ALTER TABLE org_version ADD COLUMN tier INTEGER;
ALTER TABLE org_version ADD COLUMN form INTEGER;
ALTER TABLE org_version ADD COLUMN base_type INTEGER;
