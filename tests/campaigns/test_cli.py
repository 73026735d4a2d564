"""`segmint campaigns …` as a shell runs it: create (flags, a YAML spec), preview, status, export, errors."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from tests.cli import segmint

SPEC = """\
name: Осінь
channel: email
cost_per_message: "0,35"
holdout_share: 0.2
variants: [A, B]
messages:
  - target: rfm:At Risk
    variant: A
    subject: "{{ name }}, ми сумуємо"
    body: "<p>A {{ name }} {{ recommended_category }}</p>"
  - target: rfm:At Risk
    variant: B
    subject: "{{ name }}, -15%"
    body_file: b.html
  - target: lifecycle:lapsed
    subject: "Повертайтеся, {{ name }}"
    body: "<p>lapsed {{ name }}</p>"
"""


def test_create_from_a_spec_then_preview_status_and_export(demo_path, tmp_path):
    (tmp_path / "b.html").write_text("<p>B {{ name }}</p>", encoding="utf-8")
    (tmp_path / "autumn.yaml").write_text(SPEC, encoding="utf-8")
    done = segmint("campaigns", "create", "--spec", tmp_path / "autumn.yaml", "-w", demo_path, "--json")
    assert done.returncode == 0, done.stderr
    created = json.loads(done.stdout)
    assert created["campaign"] == "Осінь"
    at_risk = created["by_target"]["rfm:At Risk"]
    assert set(at_risk) == {"A", "B", "holdout"} and abs(at_risk["A"] - at_risk["B"]) <= 1
    assert set(created["by_target"]["lifecycle:lapsed"]) == {"A", "B", "holdout"}

    status = json.loads(segmint("campaigns", "status", "Осінь", "-w", demo_path, "--json").stdout)
    assert status["status"] == "draft" and status["cost_per_message"] == 0.35
    assert status["recipients"] == created["by_target"]
    assert sum(status["outbox"].values()) == 0

    export = segmint("campaigns", "export", "Осінь", "--layout", "mailchimp", "-w", demo_path)
    assert export.returncode == 0, export.stderr
    rows = list(csv.DictReader(io.StringIO(export.stdout)))
    treated = sum(n for arms in created["by_target"].values() for arm, n in arms.items() if arm != "holdout")
    assert len(rows) == treated
    assert list(rows[0]) == ["Email Address", "First Name", "Last Name", "Phone Number", "Tags"]
    assert all("@" in r["Email Address"] and r["Phone Number"] == "" for r in rows)
    a_row = next(r for r in rows if r["Tags"].endswith("rfm:At Risk,B"))

    # the preview of a B recipient in At Risk shows the B body from body_file, personalised
    raw_first = a_row["First Name"]
    (customer,) = [
        c
        for c in json.loads(
            segmint(
                "campaigns", "export", "Осінь", "--layout", "generic", "--format", "json", "-w", demo_path
            ).stdout
        )
        if c["email"] == a_row["Email Address"]
    ]
    shown = json.loads(
        segmint(
            "campaigns", "preview", "Осінь", "--customer", customer["customer_id"], "-w", demo_path, "--json"
        ).stdout
    )
    assert (shown["target"], shown["variant"], shown["gets_message"]) == ("rfm:At Risk", "B", True)
    assert shown["body"] == f"<p>B {raw_first}</p>" and shown["subject"] == f"{raw_first}, -15%"
    assert shown["fields"]["customer_id"] == customer["customer_id"]


def test_create_with_flags_and_the_errors_people_make(demo_path):
    ok = segmint(
        "campaigns",
        "create",
        "Flash",
        "-t",
        "rfm:Champions",
        "--channel",
        "sms",
        "--body",
        "{{ name }}, розпродаж!",
        "-w",
        demo_path,
        "--json",
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["channel"] == "sms"

    again = segmint(
        "campaigns",
        "create",
        "Flash",
        "-t",
        "rfm:Champions",
        "--channel",
        "sms",
        "--body",
        "x",
        "-w",
        demo_path,
        wide=True,
    )
    assert again.returncode == 1 and "already exists" in again.stderr

    hostile = segmint(
        "campaigns",
        "create",
        "Bad",
        "-t",
        "rfm:Champions",
        "--subject",
        "s",
        "--body",
        "{{ cycler.__init__.__globals__ }}",
        "-w",
        demo_path,
        wide=True,
    )
    assert hostile.returncode == 1 and "unknown field cycler" in hostile.stderr

    unknown = segmint(
        "campaigns",
        "create",
        "X",
        "-t",
        "No such segment",
        "--subject",
        "s",
        "--body",
        "b",
        "-w",
        demo_path,
        wide=True,
    )
    assert unknown.returncode == 1 and "unknown target 'No such segment'" in unknown.stderr

    missing = segmint("campaigns", "status", "Nope", "-w", demo_path, wide=True)
    assert (
        missing.returncode == 1 and "no campaign named 'Nope'" in missing.stderr and "Flash" in missing.stderr
    )

    listing = json.loads(segmint("campaigns", "status", "-w", demo_path, "--json").stdout)
    assert [c["campaign"] for c in listing] == ["Flash"]


def test_a_spec_with_a_bad_number_is_refused_in_its_words_and_variants_may_be_a_plain_list(
    demo_path, tmp_path
):
    """attribution_days: ten and holdout_share: lots escaped as Python tracebacks (int('ten')); and
    `variants: A, B` (no brackets) was read letter by letter, a variant called ','."""
    body = "messages:\n  - target: rfm:At Risk\n    body: hi\n"
    cases = {
        "attribution_days: ten": "attribution_days is not a whole number: 'ten'",
        "attribution_days: 7.5": "attribution_days is not a whole number: 7.5",
        "holdout_share: lots": "holdout_share is not a number: 'lots'",
    }
    for line, message in cases.items():
        (tmp_path / "bad.yaml").write_text(f"name: Bad\nchannel: sms\n{line}\n{body}", encoding="utf-8")
        done = segmint("campaigns", "create", "--spec", tmp_path / "bad.yaml", "-w", demo_path, wide=True)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert f"bad.yaml: {message}" in done.stderr
    listing = json.loads(segmint("campaigns", "status", "-w", demo_path, "--json").stdout)
    assert listing == []  # nothing stored
    (tmp_path / "ab.yaml").write_text(f"name: AB\nchannel: sms\nvariants: A, B\n{body}", encoding="utf-8")
    created = json.loads(
        segmint("campaigns", "create", "--spec", tmp_path / "ab.yaml", "-w", demo_path, "--json").stdout
    )
    assert set(created["by_target"]["rfm:At Risk"]) == {"A", "B", "holdout"}


def test_a_spec_and_bodies_saved_as_windows_1251_are_read(demo_path, tmp_path):
    """A campaign file, its body_file and a --body-file saved by Notepad as "ANSI" (Windows-1251, the
    Cyrillic of a Ukrainian Windows) are read as `segments load` reads a YAML file. Old code: each
    escaped as UnicodeDecodeError's traceback."""
    (tmp_path / "b.html").write_bytes("<p>Привіт, {{ name }}</p>".encode("cp1251"))
    spec = "name: Зима\nmessages:\n  - target: rfm:At Risk\n    subject: Зимовий\n    body_file: b.html\n"
    (tmp_path / "winter.yaml").write_bytes(spec.encode("cp1251"))
    done = segmint("campaigns", "create", "--spec", tmp_path / "winter.yaml", "-w", demo_path, "--json")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert json.loads(done.stdout)["campaign"] == "Зима"
    done = segmint(
        "campaigns", "create", "Зима 2", "-t", "rfm:At Risk", "--subject", "Зимовий",
        "--body-file", tmp_path / "b.html", "-w", demo_path, "--json",
    )  # fmt: skip
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    for name in ("Зима", "Зима 2"):
        status = json.loads(segmint("campaigns", "status", name, "-w", demo_path, "--json").stdout)
        target, arms = next(iter(status["recipients"].items()))
        assert target == "rfm:At Risk" and arms["A"] > 0
    for name in ("Зима", "Зима 2"):  # the message as written, not mojibake
        exported = segmint(
            "campaigns", "export", name, "--layout", "generic", "--format", "json", "-w", demo_path
        )
        customer = json.loads(exported.stdout)[0]
        shown = json.loads(
            segmint(
                "campaigns", "preview", name, "--customer", customer["customer_id"], "-w", demo_path, "--json"
            ).stdout
        )
        assert shown["body"] == f"<p>Привіт, {shown['fields']['name']}</p>" and shown["subject"] == "Зимовий"
    (tmp_path / "x.yaml").write_bytes(b"name: \x98\n")  # 0x98 is no character in either
    done = segmint("campaigns", "create", "--spec", tmp_path / "x.yaml", "-w", demo_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr


def test_a_cost_that_is_no_number_is_refused_in_the_options_words(demo_path):
    """--cost abc escaped as decimal.InvalidOperation's traceback; --cost NaN passed the parse and then
    failed the campaign's own check the same way."""
    for cost in ("abc", "NaN", "1,5 грн"):
        done = segmint(
            "campaigns", "create", "X", "--channel", "sms", "-t", "rfm:At Risk", "--body", "hi",
            "--cost", cost, "-w", demo_path, wide=True,
        )  # fmt: skip
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert f"--cost is not a number: '{cost}'" in done.stderr
    assert json.loads(segmint("campaigns", "status", "-w", demo_path, "--json").stdout) == []
    done = segmint(
        "campaigns", "create", "X", "--channel", "sms", "-t", "rfm:At Risk", "--body", "hi",
        "--cost", "0,35", "-w", demo_path, "--json",
    )  # fmt: skip
    assert (
        json.loads(segmint("campaigns", "status", "X", "-w", demo_path, "--json").stdout)["cost_per_message"]
        == 0.35
    )


def test_status_shows_who_the_first_send_skipped_and_why(demo_path, tmp_path):
    """The terminal status shows the first send's skipped recipients by reason, in the workspace's
    language, as the --json has them in skipped_at_send (unchanged). Old code: the terminal listed the
    arm's recipients and one message fewer sent, with nothing saying why."""
    from tests.campaigns.servers import SmtpSink, configure, smtp_config

    from segmint import Workspace

    done = segmint("campaigns", "create", "Skips", "--target", "rfm:Loyal", "--subject", "Hi", "--body",
                   "<p>{{ name }}</p>", "--holdout", "0", "-w", demo_path, "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    with Workspace.open(demo_path) as ws:
        (gone,) = ws.raw.execute("SELECT min(customer_id) FROM campaign_recipients").fetchone()
    events = tmp_path / "unsubscribes.csv"
    events.write_text(
        f"event_id,customer_id,event_type,occurred_at\nU3,{gone},email_unsubscribe,2025-12-30 10:00:00\n",
        encoding="utf-8",
    )
    assert segmint("import", "events", events, "-w", demo_path).returncode == 0
    with SmtpSink() as sink:
        configure(demo_path, smtp_config(sink.port))
        sent = segmint("campaigns", "send", "Skips", "-w", demo_path, "--json")
        assert sent.returncode == 0, sent.stderr
    document = json.loads(segmint("campaigns", "status", "Skips", "-w", demo_path, "--json").stdout)
    assert document["skipped_at_send"] == {"unsubscribed": 1}
    assert document["recipients"]["rfm:Loyal"]["A"] - 1 == document["outbox"]["sent"] == len(sink.messages)
    shown = {
        "en": "not messaged when sent (still in their arm): unsubscribed 1",
        None: "не отримали повідомлення під час надсилання (лишаються у своїй групі): відписалися 1",
        "ru": "не получили сообщение при отправке (остаются в своей группе): отписались 1",
    }
    for language, words in shown.items():
        status = segmint("campaigns", "status", "Skips", "-w", demo_path, language=language, wide=True)
        assert status.returncode == 0 and words in status.stderr, (language, status.stderr)


def test_status_shows_who_was_left_out_as_create_does(demo_path):
    """docs/campaigns.md: the left-out counts are "in the summary and in `status`" (and a trigger's message
    adds to them, docs/triggers.md). Old code: the terminal status had no left-out line; only --json did."""
    done = segmint("campaigns", "create", "Left", "--target", "rfm:At Risk", "--subject", "Hi", "--body", "b",
                   "-w", demo_path, wide=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    document = json.loads(segmint("campaigns", "status", "Left", "-w", demo_path, "--json").stdout)
    counts = {reason: n for reason, n in document["excluded"].items() if n}
    assert counts.get("no consent"), document["excluded"]  # the demo shop has customers without consent
    line = next(row.strip() for row in done.stderr.splitlines() if row.strip().startswith("left out:"))
    assert line == "left out: " + ", ".join(f"{reason} {n:,}" for reason, n in counts.items())
    worded = {"en": line, None: "не включено: немає згоди", "ru": "не включены: нет согласия"}
    for language, said in worded.items():
        status = segmint("campaigns", "status", "Left", "-w", demo_path, language=language, wide=True)
        assert status.returncode == 0 and said in status.stderr, (language, status.stderr)


def test_a_spec_files_error_is_worded_in_the_workspaces_language(workspace, tmp_path):
    """`campaigns create --spec` read the file before it opened the workspace, so the file's error (and a
    missing NAME or --target) was printed in English in a uk or ru workspace. Old code: 'Помилка:' was not
    even there: 'Error: ...: unknown key colour; known: ...'."""
    path = workspace.path
    workspace.close()
    spec = tmp_path / "autumn.yaml"
    spec.write_text("name: Осінь\ncolour: red\nmessages:\n  - {target: rfm:Lost, body: x}\n", "utf-8")
    expected = {
        "uk": [f"Помилка: {spec}: невідомий ключ colour; відомі: ", "Помилка: вкажіть НАЗВУ і хоча б одну"],
        "ru": [f"Ошибка: {spec}: неизвестный ключ colour; известные: ", "Ошибка: укажите НАЗВАНИЕ и хотя бы"],
    }
    config = path / "segmint.toml"
    for language, (spec_error, options_error) in expected.items():  # the workspace's own language
        config.write_text(
            re.sub(r'(?m)^language = ".*"$', f'language = "{language}"', config.read_text(encoding="utf-8")),
            encoding="utf-8",
        )
        done = segmint("campaigns", "create", "--spec", spec, "-w", path, language=None, wide=True)
        assert done.returncode == 1 and spec_error in done.stderr, done.stderr
        done = segmint("campaigns", "create", "-w", path, language=None, wide=True)
        assert done.returncode == 1 and options_error in done.stderr, done.stderr


@pytest.mark.parametrize(
    "language, colon, missing",
    [
        (
            "uk",
            "рядок 2, стовпець 12: некоректний YAML: двокрапка там, де YAML її не чекає",
            "такого файлу немає",
        ),
        (
            "ru",
            "строка 2, столбец 12: некорректный YAML: двоеточие там, где YAML его не ждёт",
            "такого файла нет",
        ),
        (
            "en",
            "line 2, column 12: not valid YAML: mapping values are not allowed here; a value with ': '",
            "no such file",
        ),
    ],
    ids=["uk", "ru", "en"],
)
def test_a_spec_that_is_not_yaml_or_not_there_says_where_and_what_in_the_language(
    workspace, tmp_path, language, colon, missing
):
    """A campaign file with a ': ' in a value, and one that is not there: said with the line and column and
    what to do, in the language. Old code: PyYAML's and the system's English in every language
    ('не вдається прочитати кампанію: mapping values are not allowed here\n  in "<unicode string>", line 2,
    column 15', '[Errno 2] No such file or directory')."""
    path = workspace.path
    workspace.close()
    spec = tmp_path / "autumn.yaml"
    spec.write_text(
        "channel: email\nname: Осінь: -20%\nmessages:\n  - {target: rfm:Lost, body: x}\n", "utf-8"
    )
    done = segmint("campaigns", "create", "--spec", spec, "-w", path, language=language, wide=True)
    assert done.returncode == 1 and f"{spec}: {colon}" in done.stderr, done.stderr
    assert "<unicode string>" not in done.stderr
    gone = tmp_path / "none.yaml"
    done = segmint("campaigns", "create", "--spec", gone, "-w", path, language=language, wide=True)
    assert done.returncode == 1 and f"{gone}: {missing}" in done.stderr, done.stderr
    assert "Errno" not in done.stderr


def test_an_email_campaign_without_a_subject_names_the_option_or_the_spec_key(demo_path, tmp_path):
    """campaign.no_subject is worded for the web form in uk and ru ("заповніть поле «Тема (email)»"), and
    `campaigns create` showed it as it is, naming a field a terminal does not have; its English named
    nothing to give. The CLI names --subject (options.no_subject), or with --spec the messages' subject key
    (spec.no_subject); the web form keeps its field label (tests/web/test_form_errors_languages.py)."""
    spec = tmp_path / "autumn.yaml"
    spec.write_text(
        "name: Осінь\nmessages:\n  - {target: rfm:At Risk, subject: Привіт, body: x}\n"
        "  - {target: rfm:Lost, body: x}\n",
        encoding="utf-8",
    )
    said = {
        "en": (
            "Error: an email message needs a subject: give --subject",
            f"Error: {spec}: an email message needs a subject: give every message a subject",
        ),
        None: (  # the workspace's own, Ukrainian
            "Помилка: лист e-mail потребує теми: вкажіть --subject",
            f"Помилка: {spec}: лист e-mail потребує теми: впишіть subject у кожне повідомлення",
        ),
        "ru": (
            "Ошибка: письму e-mail нужна тема: укажите --subject",
            f"Ошибка: {spec}: письму e-mail нужна тема: впишите subject в каждое сообщение",
        ),
    }
    for language, (flags_error, spec_error) in said.items():
        done = segmint("campaigns", "create", "Осінь", "-t", "rfm:At Risk", "--body", "x", "-w", demo_path,
                       language=language, wide=True)  # fmt: skip
        assert done.returncode == 1 and flags_error in done.stderr, (language, done.stderr)
        assert "Тема" not in done.stderr and "Traceback" not in done.stderr, done.stderr
        done = segmint("campaigns", "create", "--spec", spec, "-w", demo_path, language=language, wide=True)
        assert done.returncode == 1 and spec_error in done.stderr, (language, done.stderr)
        assert "Тема" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    listing = segmint("campaigns", "status", "-w", demo_path, "--json").stdout
    assert json.loads(listing) == []  # nothing stored
    done = segmint("campaigns", "create", "Осінь", "-t", "rfm:At Risk", "--body", "x", "--subject", "Привіт",
                   "-w", demo_path, "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_a_holdout_or_variant_names_that_cannot_split_name_the_option_or_the_spec_key(demo_path, tmp_path):
    """`--holdout 1` (1.5, nan, -0.1) and `--variants holdout,B` were refused by the assignment in English
    naming its own argument ("holdout_share must be in [0, 1), got 1.0"), in a uk or ru workspace too; now
    coded (campaign.holdout_share, campaign.variant_names), naming --holdout / --variants, or the spec file
    and its key, in the workspace's language."""
    flags = ("campaigns", "create", "H", "-t", "rfm:Lost", "--subject", "s", "--body", "<p>b</p>")
    said = {
        ("--holdout", "1"): {
            "en": "Error: --holdout: at least 0 and less than 1, not 1.0",
            None: "Помилка: --holdout: щонайменше 0 і менше за 1, а не 1.0",  # the workspace's own: uk
            "ru": "Ошибка: --holdout: не меньше 0 и меньше 1, а не 1.0",
        },
        ("--holdout", "1.5"): {"ru": "Ошибка: --holdout: не меньше 0 и меньше 1, а не 1.5"},
        ("--holdout", "nan"): {None: "Помилка: --holdout: щонайменше 0 і менше за 1, а не nan"},
        ("--holdout", "-0.1"): {"en": "Error: --holdout: at least 0 and less than 1, not -0.1"},
        ("--variants", "holdout,B"): {
            "en": "Error: --variants: each variant needs its own name, other than 'holdout' (the customers "
            "held out), not holdout, B",
            None: "Помилка: --variants: кожен варіант потребує власної назви, іншої ніж 'holdout' (так "
            "названо контрольну групу), а не holdout, B",
            "ru": "Ошибка: --variants: каждому варианту нужно своё название, не 'holdout' (так названа "
            "контрольная группа), а не holdout, B",
        },
        ("--variants", "A,A"): {"en": "Error: --variants: each variant needs its own name, other than"},
    }
    for option, languages in said.items():
        for language, error in languages.items():
            done = segmint(*flags, *option, "-w", demo_path, language=language, wide=True)
            assert (done.returncode, done.stdout) == (1, ""), done
            assert done.stderr.strip().startswith(error), (option, language, done.stderr)
    spec = tmp_path / "h.yaml"
    for line, error in {
        "holdout_share: 2": f"Помилка: {spec}: holdout_share: щонайменше 0 і менше за 1, а не 2.0",
        "variants: [holdout, B]": f"Помилка: {spec}: variants: кожен варіант потребує власної назви",
    }.items():
        message = "{target: rfm:Lost, subject: s, body: b}"
        spec.write_text(f"name: H\n{line}\nmessages:\n  - {message}\n", "utf-8")
        done = segmint("campaigns", "create", "--spec", spec, "-w", demo_path, language=None, wide=True)
        assert done.returncode == 1 and done.stderr.strip().startswith(error), done.stderr
    assert json.loads(segmint("campaigns", "status", "-w", demo_path, "--json").stdout) == []  # none stored
