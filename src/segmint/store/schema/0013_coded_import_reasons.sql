-- Why a row was quarantined or a value refused, as a stable code and the names and values the English
-- `reason` quotes (JSON object): the web UI words the reason from them in the user's language
-- (web/import_errors.py). NULL for rows stored before this migration, which are shown as stored.
ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS reason_code VARCHAR;
ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS reason_params JSON;
ALTER TABLE rejected_values ADD COLUMN IF NOT EXISTS reason_code VARCHAR;
ALTER TABLE rejected_values ADD COLUMN IF NOT EXISTS reason_params JSON;
