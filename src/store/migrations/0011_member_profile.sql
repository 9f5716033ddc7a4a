-- 0011: the Phiếu đảng viên's fields the statistics forms count (issue #10), kept on the member
-- row. Coded fields hold the index of their value in the field table (core/member_record.h);
-- 0 is "chưa cập nhật" (not entered), as every row written before this migration reads.
ALTER TABLE member ADD COLUMN other_name TEXT NOT NULL DEFAULT '';
ALTER TABLE member ADD COLUMN birth_registration TEXT NOT NULL DEFAULT '';
ALTER TABLE member ADD COLUMN permanent_address TEXT NOT NULL DEFAULT '';
ALTER TABLE member ADD COLUMN dossier_no TEXT NOT NULL DEFAULT '';
ALTER TABLE member ADD COLUMN occupation_before INTEGER NOT NULL DEFAULT 0;
ALTER TABLE member ADD COLUMN occupation INTEGER NOT NULL DEFAULT 0;
ALTER TABLE member ADD COLUMN work_status INTEGER NOT NULL DEFAULT 0;
ALTER TABLE member ADD COLUMN general_education INTEGER NOT NULL DEFAULT 0;
ALTER TABLE member ADD COLUMN professional_degree INTEGER NOT NULL DEFAULT 0;
ALTER TABLE member ADD COLUMN academic_title INTEGER NOT NULL DEFAULT 0;
ALTER TABLE member ADD COLUMN foreign_language INTEGER NOT NULL DEFAULT 0;
ALTER TABLE member ADD COLUMN it_level INTEGER NOT NULL DEFAULT 0;
ALTER TABLE member ADD COLUMN youth_union INTEGER NOT NULL DEFAULT 0;
ALTER TABLE member ADD COLUMN business_owner INTEGER NOT NULL DEFAULT 0;
ALTER TABLE member ADD COLUMN foreign_marriage INTEGER NOT NULL DEFAULT 0;
ALTER TABLE member ADD COLUMN armed_forces INTEGER NOT NULL DEFAULT 0;
ALTER TABLE member ADD COLUMN introducer_1 TEXT NOT NULL DEFAULT '';
ALTER TABLE member ADD COLUMN introducer_2 TEXT NOT NULL DEFAULT '';
