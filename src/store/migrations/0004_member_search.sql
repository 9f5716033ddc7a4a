-- 0004: search by given name first ("phong nguyen van" finds Nguyễn Văn Phong) as well as by the
-- full name. The store fills name_fold_given for rows written before this migration at open.
ALTER TABLE member ADD COLUMN name_fold_given TEXT NOT NULL DEFAULT '';
CREATE INDEX member_name_fold_given ON member(name_fold_given);
