-- Whether a customer's signup_date was taken from their first order (an orders import with
-- --create-missing-customers) rather than given by the user: such a date follows the orders when a
-- corrected export re-imports them, while a given one stays (ingest/pipeline.py _customers_from_orders).
-- NULL for every customer stored before: nothing tells the two apart, so those dates count as given.
ALTER TABLE customers ADD COLUMN IF NOT EXISTS signup_from_orders BOOLEAN;
