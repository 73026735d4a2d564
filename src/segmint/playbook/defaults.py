"""The built-in playbook: for every group of every built-in family, a recommended strategy and channel,
in English and Ukrainian (Russian is in defaults_ru.py, same keys). A workspace changes any entry with a playbook file or [playbook] in
segmint.toml (see load.py and docs/playbook.md).

Each entry: (strategy en, strategy uk, channel en, channel uk). "*" is the family's fallback for groups
named by the data (favourite categories, cluster numbers) or by a custom RFM map; a workspace can give
each its own entry ([cluster."2"] in playbook.toml).
"""

# ruff: noqa: E501  (one sentence of the playbook per line reads and translates best)
from __future__ import annotations

LANGUAGES = ("en", "uk", "ru")

# fmt: off
DEFAULTS: dict[str, dict[str, tuple[str, str, str, str]]] = {
    "rfm": {
        "Champions": (
            "Reward, don't discount: exclusive offers, early access to new products, ask for reviews and referrals.",
            "Винагороджуйте, а не знижуйте ціни: ексклюзивні пропозиції, ранній доступ до новинок, прохання про відгуки та рекомендації.",
            "email, personal manager", "email, персональний менеджер"),
        "Loyal": (
            "Upsell higher-value products, invite to the loyalty programme's upper tier, ask for reviews.",
            "Пропонуйте дорожчі товари, запросіть на вищий рівень програми лояльності, попросіть відгук.",
            "email, app push", "email, push у застосунку"),
        "Potential Loyalist": (
            "Offer membership or a loyalty programme, recommend related products to build the habit.",
            "Запропонуйте членство чи програму лояльності, рекомендуйте супутні товари, щоб сформувати звичку.",
            "email, app push", "email, push у застосунку"),
        "New Customers": (
            "Welcome series and onboarding; give a reason for a second purchase soon.",
            "Вітальна серія листів і знайомство з магазином; дайте привід для другої покупки найближчим часом.",
            "email", "email"),
        "Promising": (
            "Build brand awareness, offer free trials or samples, a small incentive for the next order.",
            "Розкажіть про бренд, запропонуйте пробники чи безкоштовне тестування, невеликий стимул до наступного замовлення.",
            "email, social media", "email, соцмережі"),
        "Need Attention": (
            "Limited-time offers and personalised recommendations based on past purchases.",
            "Обмежені в часі пропозиції та персональні рекомендації на основі попередніх покупок.",
            "email, SMS", "email, SMS"),
        "About to Sleep": (
            "Share popular products and valuable content; a modest discount to reconnect.",
            "Покажіть популярні товари та корисний контент; помірна знижка, щоб відновити контакт.",
            "email, SMS", "email, SMS"),
        "At Risk": (
            "Personal reactivation: reminders of what they liked, a tailored offer, ask what went wrong.",
            "Персональна реактивація: нагадайте, що їм подобалося, індивідуальна пропозиція, запитайте, що пішло не так.",
            "email, phone call", "email, дзвінок"),
        "Can't Lose Them": (
            "Win them back in person: a call from a manager, the best offer you have, a survey about their experience.",
            "Поверніть їх особисто: дзвінок менеджера, найкраща пропозиція, опитування про їхній досвід.",
            "phone call, personal email", "дзвінок, персональний email"),
        "Hibernating": (
            "Reactivation offer on relevant categories and a short survey; low-cost channels only.",
            "Пропозиція реактивації за релевантними категоріями та коротке опитування; лише недорогі канали.",
            "email", "email"),
        "Lost": (
            "One win-back attempt, then archive and stop spending on them.",
            "Одна спроба повернути, потім архівувати й не витрачати на них бюджет.",
            "email", "email"),
        "No Purchases": (
            "Convert to a first purchase: a welcome offer and the bestsellers.",
            "Доведіть до першої покупки: вітальна пропозиція та хіти продажів.",
            "email, retargeting ads", "email, ретаргетинг"),
        "*": (
            "Review this group's KPIs and tailor an offer to its buying pattern.",
            "Перегляньте KPI цієї групи та підберіть пропозицію під її купівельну поведінку.",
            "email", "email"),
    },
    "rfm_simple": {
        "New": (
            "Welcome and a reason for a second purchase.",
            "Привітання та привід для другої покупки.",
            "email", "email"),
        "Regular": (
            "Cross-sell related categories and loyalty points to raise order frequency.",
            "Крос-продажі суміжних категорій і бонусні бали, щоб частіше купували.",
            "email, app push", "email, push у застосунку"),
        "VIP": (
            "Exclusive offers and early access rather than discounts; personal service.",
            "Ексклюзивні пропозиції та ранній доступ замість знижок; персональне обслуговування.",
            "personal manager, email", "персональний менеджер, email"),
        "Inactive": (
            "Reactivation offer and a survey about why they stopped buying.",
            "Пропозиція реактивації та опитування, чому перестали купувати.",
            "email, SMS", "email, SMS"),
        "Lost": (
            "Lost for over a year: one win-back attempt, then archive.",
            "Втрачені понад рік: одна спроба повернути, потім архів.",
            "email", "email"),
        "No Purchases": (
            "Convert to a first purchase: a welcome offer and the bestsellers.",
            "Доведіть до першої покупки: вітальна пропозиція та хіти продажів.",
            "email, retargeting ads", "email, ретаргетинг"),
    },
    "lifecycle": {
        "prospect": (
            "Nurture to a first purchase: welcome offer, social proof, bestsellers.",
            "Доведіть до першої покупки: вітальна пропозиція, відгуки покупців, хіти продажів.",
            "email, retargeting ads", "email, ретаргетинг"),
        "new": (
            "Onboarding: welcome, how to get the most from the product, a reason for a second purchase.",
            "Знайомство: привітання, як отримати максимум від покупки, привід для другої покупки.",
            "email", "email"),
        "active": (
            "Keep them engaged: recommendations, loyalty points, new arrivals.",
            "Підтримуйте інтерес: рекомендації, бонусні бали, новинки.",
            "email, app push", "email, push у застосунку"),
        "lapsing": (
            "Remind before they leave: a personal recommendation and a time-limited incentive.",
            "Нагадайте, поки не пішли: персональна рекомендація та стимул, обмежений у часі.",
            "email, SMS", "email, SMS"),
        "lapsed": (
            "Win-back offer and a survey; archive after one unanswered attempt.",
            "Пропозиція повернення та опитування; архівувати після однієї спроби без відповіді.",
            "email", "email"),
    },
    "activity": {
        "active": (
            "They respond: send campaigns as planned and test richer content.",
            "Вони реагують: надсилайте кампанії за планом і тестуйте багатший контент.",
            "email, SMS, app push", "email, SMS, push у застосунку"),
        "passive": (
            "Send less and try another channel; clean the list of long-silent contacts.",
            "Надсилайте рідше й спробуйте інший канал; очистіть базу від давно неактивних контактів.",
            "SMS, retargeting ads", "SMS, ретаргетинг"),
    },
    "temperature": {
        "hot": (
            "Ready to buy: a timely nudge (cart reminder, stock alert), no discount needed.",
            "Готові купувати: вчасне нагадування (кошик, наявність товару), знижка не потрібна.",
            "email, app push, SMS", "email, push у застосунку, SMS"),
        "warm": (
            "Interested: personalised recommendations and social proof.",
            "Зацікавлені: персональні рекомендації та відгуки інших покупців.",
            "email", "email"),
        "cold": (
            "Re-engage with content and a survey before any offer; lower the sending frequency.",
            "Поверніть інтерес контентом і опитуванням перед будь-якою пропозицією; рідше надсилайте листи.",
            "email", "email"),
    },
    "churn_risk": {
        "low": (
            "Business as usual: loyalty rewards and referrals, no retention discounts.",
            "Як завжди: винагороди за лояльність і рекомендації, без утримувальних знижок.",
            "email", "email"),
        "medium": (
            "Prevent churn: a personal recommendation and a check-in survey.",
            "Запобігайте відтоку: персональна рекомендація та коротке опитування.",
            "email, app push", "email, push у застосунку"),
        "high": (
            "Retention campaign for the valuable ones (by predicted CLV), one win-back attempt for the rest.",
            "Утримання для цінних (за прогнозованим CLV), одна спроба повернення для решти.",
            "email, phone call", "email, дзвінок"),
    },
    "cluster": {
        "*": (
            "Follow the cluster's persona card (segmint clusters): speak to what sets it apart and use its preferred channel.",
            "Дійте за карткою персони кластера (segmint clusters): говоріть про те, що його вирізняє, через його улюблений канал.",
            "the persona's preferred channel", "улюблений канал персони"),
    },
    "preferences": {
        "*": (
            "Recommend new arrivals and bundles from the favourite category.",
            "Рекомендуйте новинки та набори з улюбленої категорії.",
            "email", "email"),
        "none": (
            "No favourite category to recommend from yet: offer the bestsellers across categories and learn their taste from what they open and buy.",
            "Улюбленої категорії ще немає: запропонуйте хіти продажів з усіх категорій і дізнайтеся їхні вподобання з того, що вони відкривають і купують.",
            "email", "email"),
    },
}
# fmt: on
