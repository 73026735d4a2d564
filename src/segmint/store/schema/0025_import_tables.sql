-- What an import wrote in each table it touched ({"orders": {"inserted": .., "updated": .., "unchanged": ..},
-- "order_items": {.., "removed": ..}}), as its summary's `tables`: the import's page shows an orders file's
-- lines apart from its orders, and the order lines a re-import removed. Imports recorded before it are NULL
-- (their page shows the imports row's counts alone). A new column: no rebuild needed.
ALTER TABLE imports ADD COLUMN IF NOT EXISTS tables JSON;
