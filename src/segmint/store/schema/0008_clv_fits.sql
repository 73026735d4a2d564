-- The CLV models the refreshes fitted (models/clv/features.py). A refresh on the same date keeps the last
-- fit while the purchases it was fitted on (their number and value up to the date) move less than 1%, so
-- a customer's predictions then depend on their own purchases alone and the incremental refresh scores
-- only the customers with new rows.
CREATE TABLE clv_fits (
    as_of           DATE NOT NULL,
    purchases       BIGINT NOT NULL,    -- completed purchases of registered customers up to as_of
    purchase_value  DOUBLE NOT NULL,    -- their total
    fitted_at       TIMESTAMP NOT NULL,
    model           VARCHAR NOT NULL    -- ClvModel.as_dict() as JSON
);
