"""The campaign page's audience downloads (hunt-web, s22): the generic CSV, the one a person opens in Excel,
starts with a UTF-8 byte order mark as the segment's member export does; every download is named after the
campaign."""

from __future__ import annotations

import codecs
import csv
import io
import re
from urllib.parse import quote

from tests.web.conftest import log_in
from tests.web.test_campaign_pages import FORM, post


def test_the_generic_audience_csv_opens_in_excel_and_every_download_is_named_after_the_campaign(client, shop):
    """Old code: the generic CSV had no byte order mark, so Excel on a Ukrainian Windows showed the
    recipients' Cyrillic names as mojibake (it reads such a file as cp1251), and the files were named
    after the campaign's id ("6f26a5a23895-generic.csv")."""
    log_in(client, shop.tokens["editor"])
    assert post(client, "/ui/campaigns", FORM).status_code == 303
    generic = client.get("/ui/campaign/export", params={"name": FORM["name"], "layout": "generic"})
    assert generic.status_code == 200 and generic.content.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(generic.content.decode("utf-8-sig"))))
    cyrillic = [r["name"] for r in rows if any("\u0400" <= ch <= "\u04ff" for ch in r["name"] or "")]
    assert rows and "customer_id" in rows[0] and cyrillic
    named = f"filename*=UTF-8''{quote(FORM['name'] + '-generic.csv', safe='')}"
    assert named in generic.headers["content-disposition"]

    brevo = client.get("/ui/campaign/export", params={"name": FORM["name"], "layout": "brevo"})
    assert not brevo.content.startswith(codecs.BOM_UTF8)  # uploaded to the service as it documents it
    assert quote(FORM["name"] + "-brevo.csv", safe="") in brevo.headers["content-disposition"]
    json_params = {"name": FORM["name"], "layout": "generic", "format": "json"}
    as_json = client.get("/ui/campaign/export", params=json_params)
    assert as_json.json() and not as_json.content.startswith(codecs.BOM_UTF8)
    assert quote(FORM["name"] + "-generic.json", safe="") in as_json.headers["content-disposition"]


def test_the_download_links_name_the_services_and_word_the_generic_csv_in_the_pages_language(client, shop):
    """Old code: the links read "mailchimp CSV … esputnik CSV · generic CSV" on a Ukrainian page: the
    services in lower case and "generic", an English word, for the file a person opens in Excel."""
    log_in(client, shop.tokens["editor"])
    assert post(client, "/ui/campaigns", FORM).status_code == 303
    for lang, generic in (("uk", "CSV для Excel"), ("ru", "CSV для Excel"), ("en", "CSV for Excel")):
        page = client.get("/ui/campaign", params={"name": FORM["name"], "lang": lang}).text
        exports = page[page.index('id="exports"') :]
        exports = exports[: exports.index("</section>")]
        links = re.findall(r"download>([^<]+)</a>", exports)
        services = ["Mailchimp CSV", "Brevo CSV", "UniSender CSV", "eSputnik CSV"]
        assert links == [*services, generic, "JSON"], links
        assert "generic" not in re.sub(r'href="[^"]*"', "", exports)
