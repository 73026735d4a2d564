-- The name of the trigger a firing was recorded for, kept with the firing: deleting a trigger keeps its
-- executed firings as the record (triggers/model.py delete_trigger), but its name was only in the deleted
-- row, so `triggers firings` listed them with no trigger and `--trigger NAME` answered "no trigger". The
-- firings of the triggers there are now get their names; those of a trigger deleted before this stay NULL.
ALTER TABLE trigger_firings ADD COLUMN IF NOT EXISTS trigger_name VARCHAR;
UPDATE trigger_firings SET trigger_name = t.name
FROM triggers t
WHERE trigger_firings.trigger_id = t.trigger_id AND trigger_firings.trigger_name IS NULL;
