-- 0012: where a transfer goes or comes from (issue #10): enum transfer_scope and the other
-- party's name as text, for transfers and transfers out (chuyển đi), as forms 1 and 7-HSĐV count
-- them. Rows written before read scope 0 (not recorded).
ALTER TABLE member_event ADD COLUMN scope INTEGER NOT NULL DEFAULT 0;
ALTER TABLE member_event ADD COLUMN place TEXT NOT NULL DEFAULT '';
