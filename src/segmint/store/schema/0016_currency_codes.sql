-- orders.currency as its ISO 4217 code, as the import now stores it (ingest/normalise.py currency_code):
-- before, the column was stored as written ('грн', 'usd', '₴', '$'). The spellings the import reads, with
-- a trailing dot or not; '$' as USD (a migration cannot read the workspace's currency); any other text
-- trimmed and upper-cased. Only rows not already written as three capital letters are rewritten.
UPDATE orders SET currency = CASE regexp_replace(lower(trim(currency)), '\.$', '')
    WHEN '₴' THEN 'UAH'
    WHEN 'грн' THEN 'UAH'
    WHEN 'гривень' THEN 'UAH'
    WHEN 'гривні' THEN 'UAH'
    WHEN 'гривна' THEN 'UAH'
    WHEN 'гривен' THEN 'UAH'
    WHEN 'гривня' THEN 'UAH'
    WHEN '$' THEN 'USD'
    WHEN 'us$' THEN 'USD'
    WHEN 'долар' THEN 'USD'
    WHEN 'доллар' THEN 'USD'
    WHEN '€' THEN 'EUR'
    WHEN 'євро' THEN 'EUR'
    WHEN 'евро' THEN 'EUR'
    WHEN '£' THEN 'GBP'
    WHEN '₽' THEN 'RUB'
    WHEN 'руб' THEN 'RUB'
    WHEN 'рубль' THEN 'RUB'
    WHEN 'zł' THEN 'PLN'
    WHEN 'злотий' THEN 'PLN'
    WHEN 'злотый' THEN 'PLN'
    WHEN '₸' THEN 'KZT'
    WHEN '₾' THEN 'GEL'
    ELSE upper(trim(currency)) END
WHERE currency IS NOT NULL AND NOT regexp_full_match(currency, '[A-Z]{3}');
