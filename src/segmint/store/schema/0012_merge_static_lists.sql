-- A dedupe merge moves the merged records' places in static segment lists to the survivor; what it moved
-- is kept per merged record, for undo: [{"segment_id", "added_at", "moved", "kept_added_at"}] where moved =
-- false means the survivor was in the list already (the merged record's row was only dropped), and
-- kept_added_at is the survivor's row after the merge (undo acts only while that row is still there).
ALTER TABLE merges ADD COLUMN IF NOT EXISTS segment_members JSON;
