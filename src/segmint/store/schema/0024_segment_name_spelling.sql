-- Segment names in their one spelling (segments/model.py spelling): every Unicode space (Zs: no-break,
-- thin, ideographic) an ordinary space, trimmed, NFC, as names are written since 03e3aba. A name stored
-- before kept its no-break space (and, before f7638cf, its decomposed letters); every lookup now spells
-- the name asked for and looks that one spelling up once, so such a name is rewritten here. Two names
-- that become one are refused before this runs, naming them (migrations.py: workspace.segment_names).
-- The texts that name a segment by its name are rewritten with it: a static_segment trigger's
-- params.segment (delete and rename find those triggers by it), a segment trigger's target (its name as
-- listed), and a campaign's targets that name a segment (campaign_messages.target and
-- campaign_recipients.segment: the segment KPIs match a campaign's ROI to the segment by that text).
-- Rule texts are left as written: a rule's in_segment("...") name is spelled when it is read, as any
-- name typed is, and rewriting inside rule text would need the rule parser.

-- The macro is that Python spelling's one other copy (migrations.py's check before this runs reads it from
-- here; tests/segments/test_segment_names_migration.py checks the two agree). Trimmed as Python's
-- str.strip trims: every Unicode space, and the tab to carriage return, U+001C..U+001F, NEL (U+0085) and
-- the line and paragraph separators (U+2028, U+2029), which SQL's trim would leave.
CREATE TEMP MACRO segment_spelling(name) AS nfc_normalize(regexp_replace(
    regexp_replace(name, '\p{Zs}', ' ', 'g'),
    '^[ \x{9}-\x{d}\x{1c}-\x{1f}\x{85}\x{2028}\x{2029}]+|[ \x{9}-\x{d}\x{1c}-\x{1f}\x{85}\x{2028}\x{2029}]+$',
    '', 'g'
));

UPDATE segments SET name = segment_spelling(name) WHERE name <> segment_spelling(name);

UPDATE triggers
SET params = json_merge_patch(
    params, json_object('segment', segment_spelling(json_extract_string(params, '$.segment')))
)
WHERE action = 'static_segment'
  AND json_extract_string(params, '$.segment') <> segment_spelling(json_extract_string(params, '$.segment'));

UPDATE triggers SET target = segment_spelling(target)
WHERE ref_kind = 'segment' AND target <> segment_spelling(target);

-- only a target that names a segment (a family:group is the family's text), and not onto a target the
-- same campaign and variant already have (the primary key): that one stays as typed, still found by it
UPDATE campaign_messages AS m SET target = segment_spelling(m.target)
WHERE m.target <> segment_spelling(m.target)
  AND segment_spelling(m.target) IN (SELECT name FROM segments)
  AND NOT EXISTS (
      SELECT 1 FROM campaign_messages AS o
      WHERE o.campaign_id = m.campaign_id AND o.variant = m.variant
        AND segment_spelling(o.target) = segment_spelling(m.target) AND o.target < m.target
  )
  AND NOT EXISTS (
      SELECT 1 FROM campaign_messages AS o
      WHERE o.campaign_id = m.campaign_id AND o.variant = m.variant AND o.target = segment_spelling(m.target)
  );

UPDATE campaign_recipients AS r SET segment = segment_spelling(r.segment)
WHERE r.segment <> segment_spelling(r.segment)
  AND segment_spelling(r.segment) IN (SELECT name FROM segments)
  AND NOT EXISTS (
      SELECT 1 FROM campaign_messages AS m
      WHERE m.campaign_id = r.campaign_id AND m.target = r.segment
  );

DROP MACRO segment_spelling;
