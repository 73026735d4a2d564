"""Every CampaignError, TemplateError and TriggerError the library raises carries a stable code and params,
as do a send's DeliveryError and the ConfigError of its [campaigns] settings (SMTP and webhook refusals on
real loopback servers), and the web UI words every code in Ukrainian and Russian (web/campaign_errors.py,
campaign_errors_ru.py)
instead of matching the English text with regexes, as it does segment errors
(tests/segments/test_segment_error_codes.py). One real refusal per code on a real workspace; a scan of the
source fails when a raise site has no code, or a code no wording."""

from __future__ import annotations

import ast as pyast
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from aiosmtpd.smtp import AuthResult
from tests.campaigns.servers import SmtpSink, free_port
from tests.coded import SOURCE, calls, given_codes, placeholders

from segmint import Workspace
from segmint.campaigns import Campaign, Message, create_campaign, get
from segmint.campaigns.config import SmtpSettings, WebhookSettings
from segmint.campaigns.exports import export_audience
from segmint.campaigns.model import check
from segmint.campaigns.preview import preview
from segmint.campaigns.smtp import SmtpTransport
from segmint.campaigns.spec import amount, load_spec
from segmint.campaigns.templates import MessageTemplate
from segmint.campaigns.webhook import WebhookTransport
from segmint.cli.campaigns import create_command as create_campaign_command
from segmint.cli.campaigns import results_command
from segmint.cli.triggers import Action, On, _when
from segmint.cli.triggers import create_command as create_trigger_command
from segmint.errors import CodedError, ConfigError
from segmint.store.files import UNWRITABLE
from segmint.store.yaml_files import ENDINGS
from segmint.triggers import create_trigger, delete_trigger, list_firings
from segmint.triggers.model import parse_delay, resolve_target
from segmint.triggers.run import _skipped
from segmint.web.campaign_errors import PARTS, UK
from segmint.web.campaign_errors_ru import RU
from segmint.web.messages import translate

ERRORS = ("CampaignError", "TemplateError", "TriggerError", "DeliveryError")
CAMPAIGNS = SOURCE / "campaigns"
# the modules that raise one (the scan below reads every module and checks this list)
CODED = (
    "campaigns/audience.py",
    "campaigns/config.py",
    "campaigns/create.py",
    "campaigns/exports.py",
    "campaigns/model.py",
    "campaigns/preview.py",
    "campaigns/smtp.py",
    "campaigns/spec.py",
    "campaigns/templates.py",
    "campaigns/unsubscribe.py",
    "campaigns/webhook.py",
    "cli/campaigns.py",
    "cli/triggers.py",
    "triggers/firings.py",
    "triggers/model.py",
    "triggers/run.py",
)
FOREIGN = {"uk": "ыэъёЫЭЪЁ", "ru": "іїєґІЇЄҐ"}  # letters of the other language only
ENGLISH = re.compile(r"\b(the|no|named|known|needs|is not|cannot|give|must|already|exists|has|write)\b")
UNSHOWN = {"part", "action", "problem"}  # worded ("тема", "текст"), said as "this action" on the trigger
# form, or (a template's syntax error) Jinja's English worded (jinja.* in web/campaign_errors.py)
TARGET = "rfm:At Risk"


def _campaign(name: str = "Осінь", **changes) -> Campaign:
    values = {
        "name": name,
        "channel": "email",
        "messages": [Message(TARGET, "A", "Привіт, {{ name }}", "Тема")],
    }
    return Campaign(**{**values, **changes})


def _stored(ws) -> Campaign:
    create_campaign(ws, _campaign())
    return get(ws, "Осінь")


def _spec_file(ws, text: str | bytes) -> Path:
    path = Path(ws.path).parent / "campaign.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def _spec(ws, text: str | bytes) -> Campaign:
    return load_spec(_spec_file(ws, text))


def _not_for_reading(ws) -> Path:
    """A file that may not be read: chmod 000 for a user; root, whom file modes do not stop, may not read
    another process's memory (/proc/1/mem: the kernel's ptrace check)."""
    if os.geteuid() == 0:
        return Path("/proc/1/mem")
    path = _spec_file(ws, "name: A\n")
    path.chmod(0)
    return path


HOOK = "https://hooks.example/in"
SIGNED_TWICE = {"url": HOOK, "secret": "k", "secret_env": "K"}


def _trigger(ws, action: str = "tag", params: dict | None = None, **changes):
    values = {
        "name": "t",
        "on": "enter",
        "target": TARGET,
        "action": action,
        "params": params or {"tag": "x"},
    }
    return create_trigger(ws, **{**values, **changes})


def _skip(ws, exc: Exception):
    """Raise the error a run reports for a trigger it skips over `exc` (triggers.run)."""
    raise _skipped(_trigger(ws), exc).error


def _a_customer(ws) -> str:
    return ws.raw.execute("SELECT min(customer_id) FROM customers").fetchone()[0]


def _results(ws):
    _stored(ws)
    results_command("Осінь", workspace=Path(ws.path))


def _refuse(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=False, handled=False)  # aiosmtpd answers 535 itself


def _smtp(security: str = "none", port: int | None = None, **sink_options) -> None:
    """Open an SMTP transport to a real server on loopback (or to a port nothing listens on)."""
    settings = {"host": "127.0.0.1", "sender": "news@shop.example", "security": security, "timeout": 10}
    if port is not None:
        return SmtpTransport(SmtpSettings(**settings, port=port)).open()
    with SmtpSink(**sink_options) as sink:
        transport = SmtpTransport(SmtpSettings(**settings, port=sink.port, username="news", password="x"))
        try:
            transport.open()
        finally:
            transport.close()


def _webhook(**settings):
    return WebhookTransport(WebhookSettings(**settings))


SAMPLES = {
    # a campaign's checks (campaigns.model, create, audience, unsubscribe)
    "campaign.no_name": lambda ws: check(_campaign(" ")),
    "campaign.name_slash": lambda ws: check(_campaign("Весна/Літо")),
    "campaign.name_dots": lambda ws: check(_campaign(" .. ")),
    "campaign.channel": lambda ws: check(_campaign(channel="fax")),
    "campaign.no_messages": lambda ws: check(_campaign(messages=[])),
    "campaign.negative_cost": lambda ws: check(_campaign(cost_per_message=-1)),
    "campaign.attribution_days": lambda ws: check(_campaign(attribution_days=0)),
    "campaign.message_twice": lambda ws: check(_campaign(messages=[Message(TARGET, "A", "x", "s")] * 2)),
    "campaign.unknown_variant": lambda ws: check(_campaign(messages=[Message(TARGET, "C", "x", "s")])),
    "campaign.missing_message": lambda ws: check(_campaign(variants=["A", "B"])),
    "campaign.holdout_share": lambda ws: check(_campaign(holdout_share=1.0)),
    "campaign.variant_names": lambda ws: check(
        _campaign(
            variants=["holdout", "B"], messages=[Message(TARGET, v, "x", "s") for v in ("holdout", "B")]
        ),
    ),
    "campaign.no_subject": lambda ws: check(_campaign(messages=[Message(TARGET, "A", "x")])),
    "campaign.unknown": lambda ws: [_stored(ws), get(ws, "Зима")],
    "campaign.unknown.none": lambda ws: get(ws, "Зима"),
    "campaign.name_taken": lambda ws: [_stored(ws), _stored(ws)],
    "campaign.unknown_target": lambda ws: create_campaign(
        ws, _campaign(messages=[Message("Немає", "A", "x", "s")])
    ),
    "campaign.unknown_target.hint": lambda ws: create_campaign(
        ws, _campaign(messages=[Message("rfmm:At Risk", "A", "x", "s")])
    ),
    "campaign.unsubscribe_url": lambda ws: create_campaign(
        ws, _campaign(messages=[Message(TARGET, "A", "{{ unsubscribe_url }}", "s")])
    ),
    # message templates (campaigns.templates)
    "template.syntax": lambda ws: check(_campaign(messages=[Message(TARGET, "A", "{{ name }", "s")])),
    "template.forbidden_tag": lambda ws: MessageTemplate("{% include 'x' %}"),
    "template.attribute": lambda ws: MessageTemplate("{{ name.upper() }}"),
    "template.unknown_field": lambda ws: check(_campaign(messages=[Message(TARGET, "A", "x", "{{ імя }}")])),
    "template.render": lambda ws: MessageTemplate("{{ name + 1 }}", place=("body", TARGET, "A")).render(
        {"customer_id": "C-1", "name": "Олена"}
    ),
    "template.too_long": lambda ws: MessageTemplate("{% for i in 'x' * 900 %}{{ name }}{% endfor %}").render(
        {"customer_id": "C-1", "name": "Олена" * 40}
    ),
    # exports and previews (campaigns.exports, preview)
    "export.layout": lambda ws: export_audience(ws, _stored(ws), "sendpulse"),
    "export.format": lambda ws: export_audience(ws, _stored(ws), "generic", "xlsx"),
    "preview.no_customer": lambda ws: preview(ws, _stored(ws), "NO-SUCH"),
    "preview.no_message": lambda ws: preview(ws, _stored(ws), _a_customer(ws), target="Немає"),
    # a campaign file (campaigns.spec)
    "spec.unreadable": lambda ws: load_spec(Path("/proc/self/mem")),  # EIO: an error of no code of its own
    "spec.unreadable.missing": lambda ws: load_spec(Path(ws.path).parent / "none.yaml"),
    "spec.unreadable.folder": lambda ws: load_spec(Path(ws.path).parent),
    "spec.unreadable.permission": lambda ws: load_spec(_not_for_reading(ws)),
    "spec.unreadable.not_utf8": lambda ws: _spec(ws, b"name: \x98\n"),  # no cp1251 byte (cp1251 is read)
    "spec.unreadable.yaml": lambda ws: _spec(ws, "name: A\n---\nname: B\n"),
    "spec.unreadable.yaml.colon": lambda ws: _spec(ws, "name: Осінь: знижки\nchannel: email\n"),
    "spec.unreadable.yaml.tab": lambda ws: _spec(ws, "messages:\n\t- target: VIP\n"),
    "spec.unreadable.yaml.character": lambda ws: _spec(ws, "name: @осінь\n"),
    "spec.unreadable.yaml.control": lambda ws: _spec(ws, "name: A\x07\n"),
    "spec.unreadable.yaml.unclosed_quote": lambda ws: _spec(ws, 'name: "Осінь\nchannel: email\n'),
    "spec.unreadable.yaml.bracket": lambda ws: _spec(ws, "variants: [A, B\n"),
    "spec.unreadable.yaml.after_quote": lambda ws: _spec(ws, 'name: A\nsubject: "Осінь" знижки\n'),
    "spec.unreadable.yaml.indent": lambda ws: _spec(
        ws, "name: A\nmessages:\n  - target: VIP\n subject: Hi\n"
    ),
    "spec.not_mapping": lambda ws: _spec(ws, "- 5\n"),
    "spec.unknown_key": lambda ws: _spec(ws, "name: A\ncolour: red\n"),
    "spec.no_target": lambda ws: _spec(ws, "name: A\nmessages:\n  - body: x\n"),
    "spec.message_key": lambda ws: _spec(ws, "name: A\nmessages:\n  - {target: x, body: x, colour: red}\n"),
    "spec.body_file": lambda ws: _spec(ws, "name: A\nmessages:\n  - {target: x, body_file: none.html}\n"),
    "spec.no_body": lambda ws: _spec(ws, "name: A\nmessages:\n  - {target: x}\n"),
    "spec.no_subject": lambda ws: create_campaign_command(
        spec=_spec_file(ws, f"name: A\nmessages:\n  - {{target: '{TARGET}', body: x}}\n"), workspace=ws.path
    ),
    "spec.not_number": lambda ws: _spec(ws, "name: A\nholdout_share: десять\n"),
    "spec.not_whole_number": lambda ws: _spec(ws, "name: A\nattribution_days: 1.5\n"),
    "number.invalid": lambda ws: amount("абв", "--cost"),
    # the CLI's options
    "options.name_and_target": lambda ws: create_campaign_command(None, workspace=ws.path),
    "options.body": lambda ws: create_campaign_command("Осінь", target=[TARGET], workspace=ws.path),
    "options.no_subject": lambda ws: create_campaign_command(
        "Осінь", target=[TARGET], body="x", workspace=ws.path
    ),
    "results.not_sent": _results,
    "options.when": lambda ws: _when("завтра", "--since"),
    "options.target": lambda ws: create_trigger_command("t", On.enter, "tag", tag="x", workspace=ws.path),
    "options.action_needs": lambda ws: create_trigger_command(
        "t", On.enter, Action.static_segment, segment=TARGET, workspace=ws.path
    ),
    # triggers (triggers.model, firings)
    "trigger.unknown": lambda ws: delete_trigger(ws, "Немає"),
    "trigger.delay": lambda ws: parse_delay("3 дні"),
    "trigger.delay_negative": lambda ws: parse_delay(-5),
    "trigger.unknown_group": lambda ws: resolve_target(ws, "rfm:Ризик"),
    "trigger.unknown_group.hint": lambda ws: resolve_target(ws, "rfm:At Rsk"),
    "trigger.unknown_segment": lambda ws: resolve_target(ws, "Немає"),
    "trigger.unknown_segment.hint": lambda ws: resolve_target(ws, "rfmm:At Risk"),
    "trigger.unknown_action": lambda ws: _trigger(ws, "shout"),
    "trigger.action_needs": lambda ws: _trigger(ws, "tag", {"tag": " "}),
    "trigger.webhook_url": lambda ws: _trigger(ws, "webhook", {"url": "hooks.example"}),
    "trigger.secret_both": lambda ws: _trigger(ws, "webhook", SIGNED_TWICE),
    "trigger.secret_env_name": lambda ws: _trigger(ws, "webhook", {"url": HOOK, "secret_env": "MY-KEY"}),
    "trigger.not_static": lambda ws: _trigger(ws, "static_segment", {"segment": "Немає"}),
    "trigger.no_name": lambda ws: _trigger(ws, name=" "),
    "trigger.on": lambda ws: _trigger(ws, on="leave"),
    "trigger.name_taken": lambda ws: [_trigger(ws), _trigger(ws)],
    "trigger.no_event_type": lambda ws: _trigger(ws, on="event", target=" "),
    "trigger.delay_too_long": lambda ws: parse_delay("99999999999d"),
    "trigger.unknown_event_type": lambda ws: _trigger(ws, on="event", target="кошик"),
    "trigger.name_too_long": lambda ws: _trigger(ws, name="Т" * 500),
    "trigger.name_slash": lambda ws: _trigger(ws, name="Ризик/VIP"),
    "trigger.name_dots": lambda ws: _trigger(ws, name="."),
    # a trigger a run skips: a delay an older segmint stored, any other error while recording
    "trigger.stored_delay_too_long": lambda ws: replace(_trigger(ws), delay_seconds=10**16).delay(),
    "trigger.cannot_run": lambda ws: _skip(ws, OverflowError("date value out of range")),
    # a send's delivery settings and transport (campaigns.config, smtp, webhook)
    "settings.env_unset": lambda ws: WebhookSettings(secret_env="SEGMINT_TEST_NO_SUCH_VARIABLE").key(),
    "smtp.no_host": lambda ws: SmtpTransport(SmtpSettings()),
    "smtp.no_sender": lambda ws: SmtpTransport(SmtpSettings(host="127.0.0.1")),
    "smtp.login_refused": lambda ws: _smtp(authenticator=_refuse, auth_required=True, auth_require_tls=False),
    "smtp.session_refused": lambda ws: _smtp("starttls"),  # a server without STARTTLS
    "smtp.unreachable": lambda ws: _smtp(port=free_port()),
    "webhook.no_url": lambda ws: _webhook(),
    "webhook.url": lambda ws: _webhook(url="ftp://hooks.example/in"),
    "webhook.no_secret": lambda ws: _webhook(url="http://127.0.0.1/in"),
    "webhook.unreachable": lambda ws: _webhook(url=f"http://127.0.0.1:{free_port()}/in", secret="k").open(),
}


def raised(code: str, ws) -> CodedError | ConfigError:
    with pytest.raises((CodedError, ConfigError)) as caught:
        SAMPLES[code](ws)
    return caught.value


def _items(value) -> list:
    """What a param shows: a list's items (a list of lists: their items), else the value."""
    if isinstance(value, list | tuple):
        return [item for part in value for item in _items(part)]
    return [value]


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_every_code_is_raised_and_worded_in_ukrainian_and_russian(code, demo_ws):
    error = raised(code, demo_ws)
    assert error.code == code, error
    assert translate(error, "en") == str(error)  # English as the library wrote it
    assert str(error) == getattr(error, "message", str(error))  # a ConfigError: with its file
    for lang in ("uk", "ru"):
        shown = translate(error, lang)
        assert shown != str(error), shown
        bare = shown
        for key, value in error.params.items():  # what the message quotes is shown (lists: each item)
            for item in _items(value):
                assert key in UNSHOWN or str(item) in shown or repr(item) in shown, (lang, key, item, shown)
                bare = bare.replace(repr(item), "").replace(str(item), "")
        bare = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`|\S*[_.:/\[]\S*|--[\w-]+", "", bare)
        assert not ENGLISH.search(bare), (lang, shown)
        assert not any(letter in FOREIGN[lang] for letter in bare), (lang, shown)


def test_a_trigger_for_an_unknown_campaign_keeps_the_campaign_code(demo_ws):
    """A message trigger naming no campaign is refused with the campaign's own code and params."""
    _stored(demo_ws)
    with pytest.raises(CodedError) as caught:
        _trigger(demo_ws, "message", {"campaign": "Зима"})
    assert (caught.value.code, caught.value.params) == (
        "campaign.unknown",
        {"name": "Зима", "known": ["Осінь"]},
    )
    assert translate(caught.value, "uk") == "немає кампанії з назвою 'Зима'; відомі кампанії: Осінь"
    assert translate(caught.value, "ru") == "нет рассылки с названием 'Зима'; известные рассылки: Осінь"
    with pytest.raises(CodedError) as caught:
        list_firings(demo_ws, "Немає")
    assert caught.value.code == "trigger.unknown"


def test_wording_follows_the_code_not_the_english(demo_ws):
    """The old regexes matched the English text: an error whose English changes (here: another message
    with the same code) is still worded, from its code and params."""
    error = CodedError("whatever the English says now", code="trigger.name_taken", params={"name": "Ризик"})
    assert translate(error, "uk") == "тригер із назвою 'Ризик' уже існує; виберіть іншу назву"
    assert translate(error, "ru") == "триггер с названием 'Ризик' уже существует; выберите другое название"


def test_every_code_has_both_wordings_with_the_same_names():
    assert sorted(UK) == sorted(RU)
    assert {
        code: placeholders(UK[code]) for code in UK if placeholders(UK[code]) != placeholders(RU[code])
    } == {}
    unwritable = {f"file.unwritable.{reason}" for reason in UNWRITABLE}  # segment_errors.py's, tested there
    assert sorted(set(UK) - PARTS - unwritable) == sorted(SAMPLES)  # each code is raised above


def _raise_sites() -> list[tuple[str, int, pyast.Call]]:
    """Every raise of ERRORS, and of ConfigError in segmint/campaigns (a send's settings; elsewhere it
    is not worded in the web yet)."""
    sites = calls(
        (*ERRORS, "ConfigError"), where=lambda path, name: name != "ConfigError" or CAMPAIGNS in path.parents
    )
    return [(path, line, call) for path, line, _, call in sites]


def test_every_raise_site_gives_a_code_that_is_worded():
    sites = _raise_sites()
    assert sorted({path for path, _, _ in sites}) == list(CODED)  # every module that raises one
    assert len(sites) >= 50  # the scan finds the raise sites
    assert [(path, line) for path, line, call in sites if "code" not in {k.arg for k in call.keywords}] == []
    # f"file.unwritable.{reason}": a reason of UNWRITABLE; f"spec.unreadable.{ending}": of ENDINGS
    codes, unread = given_codes(sites, UNWRITABLE, {"spec.unreadable.": ENDINGS})
    # code=exc.code: the campaign error a trigger passes on, raised (and scanned) in its module, and the
    # split's, which campaigns/model.check raises from the assignment's one check (experiments/assign.py)
    assert set(unread) == {"exc.code"}
    split = calls(("ExperimentError",), where=lambda path, name: path.name == "assign.py")
    codes |= given_codes([site for site in split if "code" in {k.arg for k in site[3].keywords}])[0]
    assert sorted(codes - set(UK)) == []  # a code without a wording
    assert sorted(set(UK) - PARTS - codes) == []  # a wording no raise site uses


@pytest.mark.parametrize("name, problem", [("Весна/Літо", "slash"), ("..", "dots"), (" . ", "dots")])
def test_a_name_the_api_cannot_address_is_refused_by_the_one_check_of_segments_campaigns_and_triggers(
    demo_ws, name, problem
):
    """A segment's, a campaign's and a trigger's name are refused for a "/" or as a path step by one
    check (store.names.check_addressable), each with its own codes and the same words: the three had a
    copy each."""
    from segmint.segments.model import check_name
    from segmint.store.names import UNADDRESSABLE

    refused = []
    for attempt in (
        lambda: check_name(name),
        lambda: check(_campaign(name)),
        lambda: _trigger(demo_ws, name=name),
    ):
        with pytest.raises(CodedError) as caught:
            attempt()
        refused.append((caught.value.code, str(caught.value)))
    said = f"name {name.strip()!r} {UNADDRESSABLE[problem]}: the REST API could not address it"
    assert refused == [
        (f"name.{problem}", f"segment {said}"),
        (f"campaign.name_{problem}", f"campaign {said}"),
        (f"trigger.name_{problem}", f"trigger {said}"),
    ]


@pytest.mark.parametrize(
    "language, said",
    [
        ("en", "no campaign named 'C11' (did you mean 'C1'?); known campaigns: C1, Осінь"),
        ("uk", "немає кампанії з назвою 'C11' (можливо, 'C1'?); відомі кампанії: C1, Осінь"),
        ("ru", "нет рассылки с названием 'C11' (возможно, 'C1'?); известные рассылки: C1, Осінь"),
    ],
)
def test_campaigns_status_of_an_unknown_campaign_names_the_nearest(demo_path, language, said):
    """`campaigns status C11` listed the campaigns without a word of the one meant, as `segments show`
    and `kpis` name the nearest segment: it names it now (code campaign.unknown, with `hint`), in the
    workspace's language, from the one nearest-name helper (store.names.nearest_name)."""
    from tests.cli import segmint as run

    with Workspace.open(demo_path) as ws:
        create_campaign(ws, _campaign("C1"))
        create_campaign(ws, _campaign())
        with pytest.raises(CodedError) as caught:
            get(ws, "C11")
    assert caught.value.params == {"name": "C11", "known": ["C1", "Осінь"], "hint": "C1"}
    done = run("-w", demo_path, "campaigns", "status", "C11", wide=True, language=language)
    assert done.returncode == 1, done
    assert said in " ".join(done.stderr.split()), done.stderr


def test_an_unknown_target_is_refused_alike_by_a_campaign_and_a_trigger(demo_ws):
    """A campaign's target and a trigger's segment that name nothing are refused by one helper
    (history.queries.unknown_target), each with its own code, naming the nearest: the two had a copy."""
    from segmint.history.queries import unknown_target

    for target in ("rfmm:At Risk", "Немає"):
        refused = []
        for attempt in (
            lambda t=target: create_campaign(demo_ws, _campaign(messages=[Message(t, "A", "x", "s")])),
            lambda t=target: _trigger(demo_ws, target=t),
        ):
            with pytest.raises(CodedError) as caught:
                attempt()
            refused.append((caught.value.code, caught.value.params))
        hint = {"hint": "rfm:At Risk"} if target.startswith("rfmm") else {}
        ending = ".hint" if hint else ""
        assert refused == [
            (f"campaign.unknown_target{ending}", {"target": target, **hint}),
            (f"trigger.unknown_segment{ending}", {"target": target, **hint}),
        ]
        made = unknown_target(demo_ws, target, "target", "rfm:At Risk", error=CodedError, code="x")
        assert made.params == {"target": target, **hint}
