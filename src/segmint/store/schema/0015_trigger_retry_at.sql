-- When a firing whose action failed may be tried again (triggers/run.py RETRY_DELAYS): a webhook that is
-- down for a few minutes no longer has all its attempts spent by runs that come one after another (an
-- import, its refresh, a cron run). NULL: as soon as it is due (every firing recorded before this).
ALTER TABLE trigger_firings ADD COLUMN IF NOT EXISTS retry_at TIMESTAMP;
