"""SMTP over TLS with a login, as a real mail relay wants it: STARTTLS on a plain port or implicit TLS
(SSL), the server's certificate checked against a CA file from the settings, the password read from the
environment variable the settings name. The server is aiosmtpd on loopback with a certificate made here."""

from __future__ import annotations

import shutil
import ssl
import subprocess

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword
from tests.campaigns.servers import SmtpSink, configure

from segmint.campaigns import Campaign, Message, create_campaign, send_campaign
from segmint.campaigns.delivery import DeliveryError

USER, PASSWORD = "news@shop.example", "пароль-з-env"

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1 (it is its own CA)."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def server_context(certificate) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*map(str, certificate))
    return context


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself


def settings(port: int, security: str, ca_file) -> str:
    return (
        f'[campaigns.smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "{security}"\n'
        f'username = "{USER}"\npassword_env = "SEGMINT_TEST_SMTP_PASSWORD"\nca_file = "{ca_file}"\n'
        'sender = "Крамниця <news@shop.example>"\ntimeout = 10\n'
        "[campaigns.frequency_cap]\nmax_messages = 1000\n"
    )


def campaign() -> Campaign:
    return Campaign(
        name="TLS", channel="email", messages=[Message("rfm:Champions", "A", "<p>{{ name }}</p>", "Привіт")]
    )


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_mail_goes_over_tls_with_a_login(demo_ws, demo_path, certificate, monkeypatch, security):
    monkeypatch.setenv("SEGMINT_TEST_SMTP_PASSWORD", PASSWORD)
    context = server_context(certificate)
    if security == "starttls":
        tls = {"tls_context": context, "require_starttls": True}
    else:  # aiosmtpd does not count implicit TLS as TLS for AUTH: the connection is TLS from the start
        tls = {"ssl_context": context, "auth_require_tls": False}
    with SmtpSink(authenticator=authenticator, auth_required=True, **tls) as sink:
        configure(demo_path, settings(sink.port, security, certificate[0]))
        create_campaign(demo_ws, campaign())
        summary = send_campaign(demo_ws, "TLS")
    assert summary["outbox"]["sent"] == len(sink.messages) > 5
    assert set(sink.per_recipient().values()) == {1}


def test_a_wrong_password_stops_the_send_before_any_message(demo_ws, demo_path, certificate, monkeypatch):
    monkeypatch.setenv("SEGMINT_TEST_SMTP_PASSWORD", "wrong")
    context = server_context(certificate)
    with SmtpSink(authenticator=authenticator, auth_required=True, tls_context=context) as sink:
        configure(demo_path, settings(sink.port, "starttls", certificate[0]))
        created = create_campaign(demo_ws, campaign())
        with pytest.raises(DeliveryError) as error:
            send_campaign(demo_ws, "TLS")
    assert "login refused" in str(error.value) and "535" in str(error.value)
    assert not sink.messages
    queued = demo_ws.raw.execute(
        "SELECT count(*) FROM outbox WHERE campaign_id = ?", [created["campaign_id"]]
    )
    assert queued.fetchone() == (0,)  # nothing queued, the campaign is not launched


def test_an_untrusted_certificate_is_refused(demo_ws, demo_path, certificate, monkeypatch, tmp_path):
    monkeypatch.setenv("SEGMINT_TEST_SMTP_PASSWORD", PASSWORD)
    other_ca = tmp_path / "other.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=other",
            "-keyout",
            str(tmp_path / "other.key"),
            "-out",
            str(other_ca),
        ],
        check=True,
        capture_output=True,
    )
    with SmtpSink(
        authenticator=authenticator, auth_required=True, tls_context=server_context(certificate)
    ) as sink:
        configure(demo_path, settings(sink.port, "starttls", other_ca))
        create_campaign(demo_ws, campaign())
        with pytest.raises(DeliveryError) as error:
            send_campaign(demo_ws, "TLS")
    assert "CERTIFICATE_VERIFY_FAILED" in str(error.value)
    assert not sink.messages
