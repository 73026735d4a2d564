-- customers.income: yearly income as a number, so a rule can compare it (income > 50000). Before, a column
-- headed Income, Дохід or Доход landed in the text field income_band whatever it held, and no rule could
-- ask for customers earning over 50,000 (the Kaggle "Customer Personality Analysis" file). A workspace
-- whose every stored income_band is a plain number (58138, 1500.50: digits, an optional minus and decimal
-- point) got them from such a column: they move to income, and income_band is left empty. A workspace with
-- any other value there (50-75k, high, 1 250) keeps its income_band as it is.
ALTER TABLE customers ADD COLUMN IF NOT EXISTS income DECIMAL(18, 4);
UPDATE customers
SET income = CAST(trim(income_band) AS DECIMAL(18, 4)), income_band = NULL
WHERE income_band IS NOT NULL
  AND NOT EXISTS (
      SELECT 1 FROM customers c
      WHERE c.income_band IS NOT NULL
        AND NOT regexp_full_match(trim(c.income_band), '-?[0-9]{1,14}(\.[0-9]{1,4})?')
  );
