-- A firing's detail as a stable code and its params (triggers/details.py), beside the English text in
-- `detail`: the CLI and the web page word it in the reader's language (web/firing_details.py), where a
-- Ukrainian or Russian workspace read "campaign 'X': left out: no consent". NULL: a detail with no code
-- (an exception's or a server's own text, or a firing recorded before this), shown as stored.
ALTER TABLE trigger_firings ADD COLUMN IF NOT EXISTS detail_code VARCHAR;
ALTER TABLE trigger_firings ADD COLUMN IF NOT EXISTS detail_params JSON;
