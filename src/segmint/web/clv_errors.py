"""CLV errors in the interface language, worded from their `code` and `params` (models.clv.ClvDataError,
docs/clv.md "Codes"), as web/cluster_errors.py words the clustering's: `segmint clv fit` and `clv
validate` in a Ukrainian or Russian workspace said them in English after a translated "Помилка:".
Matched by the code's `clv.` prefix, so wording an error does not load the models' libraries (NumPy,
SciPy). tests/models/test_clv_error_codes.py raises every code and checks both wordings."""

from __future__ import annotations

from segmint.web.coded import Table

PREFIX = "clv."

# fmt: off
UK: dict[str, str] = {
    "clv.lengths": "frequency, recency і T мають бути однакової довжини",
    "clv.no_customers": "немає клієнтів із покупкою, на яких можна навчити модель",
    "clv.negative": "frequency, recency і T не можуть бути від’ємними",
    "clv.recency_after_end": "у деяких клієнтів recency (час останньої повторної покупки) пізніше за T",
    "clv.recency_without_repeats": "у клієнтів без повторних покупок recency має бути 0",
    "clv.no_repeat_buyers": "жоден клієнт не купив повторно, тож {model} не навчити",
    "clv.spend_lengths": "кількості покупок і середні суми мають бути однакової довжини",
    "clv.spend_no_customers": "немає клієнтів із покупкою, на яких можна навчити модель витрат",
    "clv.spend_not_positive": "модель витрат потребує клієнтів щонайменше з однією покупкою і додатною "
                              "середньою сумою; залиште поза нею клієнтів без покупок і замовлення на 0 "
                              "чи менше",
    "clv.unknown_model": "невідома модель покупок {model!r}; оберіть одну з: {models}",
    "clv.too_little_data": "замало даних для моделей CLV на {as_of}: клієнтів із покупкою — {customers}, "
                           "із них із повторною покупкою — {repeat_buyers}; моделям потрібно щонайменше "
                           "{min_customers} клієнтів і {min_repeat_buyers} повторних покупців (імпортуйте "
                           "довшу історію замовлень); прогнози тоді рахують CLV за історичним середнім",
    "clv.not_converged": "навчання {model} не зійшлося: {problem}",
    "clv.spend_basis": "невідома основа витрат {basis!r}; оберіть одну з: {bases}",
    "clv.spend_too_few": "лише {customers} клієнтів мають покупки з додатною сумою, щоб навчити модель "
                         "витрат; їй потрібно щонайменше {min_customers}",
    "clv.spend_infinite": "модель витрат не дала скінченної середньої суми покупки (q = {q}, {problem}): "
                          "витрати клієнтів надто різняться, щоб їх моделювати",
    "clv.not_finite": "модель {model} на {as_of} дає прогнози, що не є числами ({params}): її параметри "
                      "пішли до крайніх значень, за яких формули моделі не обчислюються",
    "clv.horizon": "горизонт CLV має бути щонайменше 1 місяць, а не {months}",
    "clv.discount": "місячна ставка дисконту не може бути від’ємною, а не {rate}",
    "clv.after_reference": "{name} {date} пізніше за дату відліку {reference_date}, «сьогодні» робочого "
                           "простору (reference_date у segmint.toml: {setting}): покупок після неї не "
                           "видно",
    "clv.holdout_not_after": "кінець контрольного періоду {holdout_end} не пізніше за кінець періоду "
                             "навчання {calibration_end}: перевірка прогнозує покупки між ними",
    "clv.before_data": "{name} {date} раніше за початок даних ({first}: перша реєстрація, замовлення чи "
                       "подія): на цю дату ще не видно жодної покупки",
}
RU: dict[str, str] = {
    "clv.lengths": "frequency, recency и T должны быть одинаковой длины",
    "clv.no_customers": "нет клиентов с покупкой, на которых можно обучить модель",
    "clv.negative": "frequency, recency и T не могут быть отрицательными",
    "clv.recency_after_end": "у некоторых клиентов recency (время последней повторной покупки) позже T",
    "clv.recency_without_repeats": "у клиентов без повторных покупок recency должно быть 0",
    "clv.no_repeat_buyers": "ни один клиент не купил повторно, поэтому {model} не обучить",
    "clv.spend_lengths": "количества покупок и средние суммы должны быть одинаковой длины",
    "clv.spend_no_customers": "нет клиентов с покупкой, на которых можно обучить модель трат",
    "clv.spend_not_positive": "модели трат нужны клиенты хотя бы с одной покупкой и положительной средней "
                              "суммой; оставьте вне её клиентов без покупок и заказы на 0 или меньше",
    "clv.unknown_model": "неизвестная модель покупок {model!r}; выберите одну из: {models}",
    "clv.too_little_data": "слишком мало данных для моделей CLV на {as_of}: клиентов с покупкой — "
                           "{customers}, из них с повторной покупкой — {repeat_buyers}; моделям нужно не "
                           "меньше {min_customers} клиентов и {min_repeat_buyers} повторных покупателей "
                           "(импортируйте более длинную историю заказов); прогнозы тогда считают CLV по "
                           "историческому среднему",
    "clv.not_converged": "обучение {model} не сошлось: {problem}",
    "clv.spend_basis": "неизвестная основа трат {basis!r}; выберите одну из: {bases}",
    "clv.spend_too_few": "только у {customers} клиентов есть покупки с положительной суммой, чтобы обучить "
                         "модель трат; ей нужно не меньше {min_customers}",
    "clv.spend_infinite": "модель трат не дала конечной средней суммы покупки (q = {q}, {problem}): траты "
                          "клиентов слишком различаются, чтобы их моделировать",
    "clv.not_finite": "модель {model} на {as_of} даёт прогнозы, которые не являются числами ({params}): её "
                      "параметры ушли к крайним значениям, при которых формулы модели не вычисляются",
    "clv.horizon": "горизонт CLV должен быть не меньше 1 месяца, а не {months}",
    "clv.discount": "месячная ставка дисконтирования не может быть отрицательной, а не {rate}",
    "clv.after_reference": "{name} {date} позже даты отсчёта {reference_date}, «сегодня» рабочего "
                           "пространства (reference_date в segmint.toml: {setting}): покупок после неё не "
                           "видно",
    "clv.holdout_not_after": "конец контрольного периода {holdout_end} не позже конца периода обучения "
                             "{calibration_end}: проверка прогнозирует покупки между ними",
    "clv.before_data": "{name} {date} раньше начала данных ({first}: первая регистрация, заказ или "
                       "событие): на эту дату ещё не видно ни одной покупки",
}
# fmt: on

TABLE = Table({"uk": UK, "ru": RU})


def word(error, lang: str) -> str | None:
    """The ClvDataError in `lang` (uk, ru), or None when the language or its code is not known here."""
    return TABLE.word(error.code, error.params, lang)
