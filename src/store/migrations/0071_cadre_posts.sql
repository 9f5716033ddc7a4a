-- 0071: the standing of posts and committees on the leadership forms 9A-9C and 12A-12C (issue
-- 15): a position's post kind (which column of the forms it is: enum cadre_post), its tier (cấp
-- tỉnh / huyện / xã: enum cadre_tier) and whether it is a leadership post (lãnh đạo, quản lý);
-- a committee term's tier. Written when a position or a term is added (given, or the defaults
-- of core/cadre.h: cadre_post_default, cadre_tier_default, cadre_post_leader_default); NULL in
-- rows from before this migration: the same defaults are applied when they are read.
ALTER TABLE cadre_position ADD COLUMN post INTEGER;   -- enum cadre_post
ALTER TABLE cadre_position ADD COLUMN tier INTEGER;   -- enum cadre_tier
ALTER TABLE cadre_position ADD COLUMN leader INTEGER; -- 1 lãnh đạo, quản lý, 0 not
ALTER TABLE cadre_term ADD COLUMN tier INTEGER;       -- enum cadre_tier
