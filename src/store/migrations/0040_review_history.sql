-- 0040: reviews in the year's own words and history entered as it was.
-- final_legacy / legacy_level: the level as the pre-2018 guidance (HD 27-HD/BTCTW, 2014) named
-- it ("tsvm_tieu_bieu", "tsvm", "httnv", "htnv", "yeu_kem" for organizations; "dtc_htxsnv" ...
-- for members), kept beside the positional current level so "trong sạch, vững mạnh tiêu biểu"
-- is not flattened into plain TSVM. historical: the decision was recorded as a past decision
-- (step 'record'), without a self-assessment or verification and with no invented scores.
ALTER TABLE review ADD COLUMN final_legacy TEXT;
ALTER TABLE review ADD COLUMN historical INTEGER NOT NULL DEFAULT 0;
ALTER TABLE review_step ADD COLUMN legacy_level TEXT;
