-- customers.birth_year: the year of birth when a file gives only the year (Year_Birth of the Kaggle
-- "Customer Personality Analysis" file, "Рік народження" of many CRM exports). The rule field `age` is
-- counted from birth_date when known, else from this year (rules/compile.py). Not stored in birth_date as
-- 1 January: that would make birth_month 1 and the birthday 1 January for every such customer. NULL for
-- every customer stored before (such a column then landed in customers.custom).
ALTER TABLE customers ADD COLUMN IF NOT EXISTS birth_year INTEGER;
