-- How many rows of a table were in customer order after its last rewrite (ingest/order.py): the events
-- an import appends later are its unsorted tail, and a long tail gets the table rewritten in order.
CREATE TABLE table_order (
    table_name     VARCHAR PRIMARY KEY,
    in_order_rows  BIGINT NOT NULL,
    sorted_at      TIMESTAMP NOT NULL
);
