"""Ukrainian and Russian descriptions of the fields an imported file can fill (the imports page's list of
fields per kind of file; segmint.ingest.fields describes them in English for docs/import.md), keyed by
the English description. tests/web/test_import_field_texts.py checks every field has both."""

from __future__ import annotations

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    "The customer's id in the source system.": {
        "uk": "Код клієнта в системі-джерелі.", "ru": "Код клиента в системе-источнике."},
    "The system the record came from.": {
        "uk": "Система, з якої прийшов запис.", "ru": "Система, из которой пришла запись."},
    "Given name.": {"uk": "Ім'я.", "ru": "Имя."},
    "Family name.": {"uk": "Прізвище.", "ru": "Фамилия."},
    "Full name when the file has one column for it.": {
        "uk": "Повне ім'я, коли у файлі для нього одна колонка.",
        "ru": "Полное имя, когда в файле для него одна колонка."},
    "E-mail address; lower-cased and validated.": {
        "uk": "Адреса e-mail; записується малими літерами й перевіряється.",
        "ru": "Адрес e-mail; записывается строчными буквами и проверяется."},
    "Phone number; stored as E.164.": {
        "uk": "Номер телефону; зберігається у форматі E.164.",
        "ru": "Номер телефона; хранится в формате E.164."},
    "f, m or other.": {"uk": "f, m або other.", "ru": "f, m или other."},
    "Date of birth.": {"uk": "Дата народження.", "ru": "Дата рождения."},
    "Year of birth when the file gives only the year (1957); age is counted from it when there is no birth "
    "date.": {
        "uk": "Рік народження, коли файл дає лише рік (1957); вік рахується з нього, коли немає дати "
              "народження.",
        "ru": "Год рождения, когда файл даёт только год (1957); возраст считается по нему, когда нет даты "
              "рождения."},
    "City.": {"uk": "Місто.", "ru": "Город."},
    "Region, oblast or state.": {"uk": "Регіон, область або штат.", "ru": "Регион, область или штат."},
    "Country; stored as ISO 3166 alpha-2.": {
        "uk": "Країна; зберігається як код ISO 3166 alpha-2.",
        "ru": "Страна; хранится как код ISO 3166 alpha-2."},
    "ISO 639-1 language.": {"uk": "Мова, код ISO 639-1.", "ru": "Язык, код ISO 639-1."},
    "Yearly income as a number; a column of bands (50-75k, high) under these names goes to income_band.": {
        "uk": "Річний дохід числом; колонка рівнів (50-75k, high) під цими назвами йде в income_band.",
        "ru": "Годовой доход числом; колонка уровней (50-75k, high) под этими названиями идёт "
              "в income_band."},
    "Income band (50-75k, high).": {
        "uk": "Рівень доходу (50-75k, high).", "ru": "Уровень дохода (50-75k, high)."},
    "Occupation.": {"uk": "Рід занять.", "ru": "Род занятий."},
    "Marital status.": {"uk": "Сімейний стан.", "ru": "Семейное положение."},
    "Education.": {"uk": "Освіта.", "ru": "Образование."},
    "When the customer joined.": {
        "uk": "Коли клієнт зареєструвався.", "ru": "Когда клиент зарегистрировался."},
    "Where the customer came from.": {"uk": "Звідки прийшов клієнт.", "ru": "Откуда пришёл клиент."},
    "Channel the customer came through.": {
        "uk": "Канал, яким прийшов клієнт.", "ru": "Канал, по которому пришёл клиент."},
    "mobile, desktop, tablet.": {"uk": "mobile, desktop, tablet.", "ru": "mobile, desktop, tablet."},
    "Operating system.": {"uk": "Операційна система.", "ru": "Операционная система."},
    "Interests, separated by , or ;.": {
        "uk": "Інтереси через , або ;.", "ru": "Интересы через , или ;."},
    "Values, separated by , or ;.": {"uk": "Цінності через , або ;.", "ru": "Ценности через , или ;."},
    "Agreed to marketing e-mail.": {
        "uk": "Згода на маркетингові листи e-mail.", "ru": "Согласие на маркетинговые письма e-mail."},
    "Agreed to marketing SMS.": {"uk": "Згода на маркетингові SMS.", "ru": "Согласие на маркетинговые SMS."},
    "Free labels, separated by , or ;.": {
        "uk": "Довільні мітки через , або ;.", "ru": "Произвольные метки через , или ;."},
    "The business's own status.": {"uk": "Власний статус клієнта у вашій системі.",
                                   "ru": "Собственный статус клиента в вашей системе."},
    "Order or invoice number.": {"uk": "Номер замовлення або рахунку.", "ru": "Номер заказа или счёта."},
    "The buyer's customer id; empty for a guest purchase.": {
        "uk": "Код клієнта-покупця; порожньо для гостьової покупки.",
        "ru": "Код клиента-покупателя; пусто для гостевой покупки."},
    "Date and time of the order.": {"uk": "Дата й час замовлення.", "ru": "Дата и время заказа."},
    "Order value after discount; a file of order lines may leave it out (computed from its lines).": {
        "uk": "Сума замовлення після знижки; у файлі рядків замовлень її може не бути (рахується з рядків).",
        "ru": "Сумма заказа после скидки; в файле строк заказов её может не быть (считается по строкам)."},
    "Discount given on the order; in a file of order lines, on the line (the order's is their sum).": {
        "uk": "Знижка на замовлення; у файлі рядків замовлень — на рядок (знижка замовлення — їхня сума).",
        "ru": "Скидка на заказ; в файле строк заказов — на строку (скидка заказа — их сумма).",
    },
    "ISO 4217 currency when it differs from the workspace's.": {
        "uk": "Валюта ISO 4217, коли вона інша, ніж у робочому просторі.",
        "ru": "Валюта ISO 4217, когда она отличается от валюты рабочего пространства."},
    "online, offline or pos.": {"uk": "online, offline або pos.", "ru": "online, offline или pos."},
    "Shop or point of sale.": {"uk": "Магазин або точка продажу.", "ru": "Магазин или точка продаж."},
    "completed, pending, cancelled, returned or adjustment.": {
        "uk": "completed, pending, cancelled, returned або adjustment.",
        "ru": "completed, pending, cancelled, returned или adjustment."},
    "The buyer's country; stored on customers created by the import.": {
        "uk": "Країна покупця; записується клієнтам, яких створив імпорт.",
        "ru": "Страна покупателя; записывается клиентам, которых создал импорт."},
    "Line number within the order (numbered in file order when absent).": {
        "uk": "Номер рядка в замовленні (якщо його немає, нумерується в порядку файлу).",
        "ru": "Номер строки в заказе (если его нет, нумеруется в порядке файла)."},
    "Product code or SKU.": {"uk": "Код товару або артикул (SKU).", "ru": "Код товара или артикул (SKU)."},
    "Product name.": {"uk": "Назва товару.", "ru": "Название товара."},
    "Product category.": {"uk": "Категорія товару.", "ru": "Категория товара."},
    "Units on the line.": {"uk": "Кількість одиниць у рядку.", "ru": "Количество единиц в строке."},
    "Price of one unit.": {"uk": "Ціна однієї одиниці.", "ru": "Цена одной единицы."},
    "Discount on the line.": {"uk": "Знижка на рядок.", "ru": "Скидка на строку."},
    "The source's event id (a content hash when absent).": {
        "uk": "Код події в джерелі (якщо його немає, хеш вмісту).",
        "ru": "Код события в источнике (если его нет, хеш содержимого)."},
    "Whose event it is.": {"uk": "Чия це подія (код клієнта).", "ru": "Чьё это событие (код клиента)."},
    "email_open, page_view, survey_answer, ...": {
        "uk": "email_open, page_view, survey_answer, …", "ru": "email_open, page_view, survey_answer, …"},
    "When it happened.": {"uk": "Коли це сталося.", "ru": "Когда это произошло."},
    "Campaign the event belongs to.": {"uk": "Кампанія, до якої належить подія.",
                                       "ru": "Рассылка, к которой относится событие."},
    "email, sms, web, ...": {"uk": "email, sms, web, …", "ru": "email, sms, web, …"},
    "0..10 on survey answers.": {
        "uk": "0..10 у відповідях на опитування.", "ru": "0..10 в ответах на опрос."},
    "Category.": {"uk": "Категорія.", "ru": "Категория."},
    "Brand.": {"uk": "Бренд.", "ru": "Бренд."},
    "List price.": {"uk": "Ціна за прайсом.", "ru": "Цена по прайсу."},
}
# fmt: on


def describe(description: str, lang: str) -> str:
    """An import field's description in `lang` (English as segmint.ingest.fields has it)."""
    return TEXTS.get(description, {}).get(lang, description)
