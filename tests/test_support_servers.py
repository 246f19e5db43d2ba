"""The test servers work through the same real clients the bot uses."""
import smtplib
import sys
import urllib.error
import urllib.request
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread
from urllib.parse import parse_qsl

import psycopg
import pytest
import redis
from sqlalchemy.engine import make_url
from twilio.base.exceptions import TwilioRestException
from twilio.request_validator import RequestValidator

from tests.support import postgres

if "tests.support.fixtures" not in sys.modules:  # until tests/conftest.py names the plugin
    from tests.support.fixtures import *  # noqa: F401,F403


def mail(subject: str = "Pertanyaan") -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "warga@example.org", "bot@example.org", subject
    msg.set_content("Halo, kapan kantor buka?")
    return msg


def test_twilio_sdk_send_is_recorded(fake_twilio):
    """A send through the real SDK lands in the fake with realistic JSON."""
    sent = fake_twilio.client().messages.create(
        to="whatsapp:+6281200000001", from_="whatsapp:+14155238886", body="Halo")
    assert sent.sid.startswith("SM") and len(sent.sid) == 34 and sent.status == "queued"
    assert sent.date_created is not None and sent.num_segments == "1" and sent.price is None
    [recorded] = fake_twilio.wait_for(1)
    assert (recorded.sid, recorded.to, recorded.body) == (sent.sid, "whatsapp:+6281200000001", "Halo")


@pytest.mark.parametrize("kind, status, code", [(429, 429, 20429), (500, 500, 20500), (63016, 400, 63016)])
def test_twilio_injected_failures_raise(fake_twilio, kind, status, code):
    """Injected failures surface as TwilioRestException, then sending works again."""
    fake_twilio.fail_next(1, kind)
    client = fake_twilio.client()
    with pytest.raises(TwilioRestException) as caught:
        client.messages.create(to="whatsapp:+62812", from_="whatsapp:+1415", body="x")
    assert (caught.value.status, caught.value.code) == (status, code)
    client.messages.create(to="whatsapp:+62812", from_="whatsapp:+1415", body="x")
    assert len(fake_twilio.messages) == 1


def test_twilio_rejects_wrong_token(fake_twilio):
    """Basic auth is checked, as Twilio does."""
    from twilio.rest import Client

    client = Client(fake_twilio.account_sid, "wrong")
    client.api.base_url = fake_twilio.url
    with pytest.raises(TwilioRestException) as caught:
        client.messages.create(to="whatsapp:+62812", from_="whatsapp:+1415", body="x")
    assert (caught.value.status, caught.value.code) == (401, 20003)


def test_twilio_media_needs_auth(fake_twilio):
    """Inbound media is served only with the account's credentials."""
    url = fake_twilio.add_media("photo.jpg", b"\xff\xd8data")
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(url, timeout=5)
    opener = urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(
        _password_manager(url, fake_twilio.account_sid, fake_twilio.auth_token)))
    with opener.open(url, timeout=5) as response:
        assert response.read() == b"\xff\xd8data"


def _password_manager(url, user, password):
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    manager.add_password(None, url, user, password)
    return manager


def test_twilio_status_callback_is_signed(fake_twilio):
    """The status callback carries a signature the bot's validator accepts."""
    received = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self):
            params = dict(parse_qsl(self.rfile.read(int(self.headers["Content-Length"])).decode()))
            received.append((self.headers["X-Twilio-Signature"], params))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    with ThreadingHTTPServer(("127.0.0.1", 0), Hook) as hook:
        Thread(target=hook.serve_forever, args=(0.01,), daemon=True).start()
        callback = f"http://127.0.0.1:{hook.server_address[1]}/twilio/status"
        sent = fake_twilio.client().messages.create(
            to="whatsapp:+62812", from_="whatsapp:+1415", body="x", status_callback=callback)
        status, _ = fake_twilio.status_callback(sent.sid, "undelivered", error_code=63016)
        hook.shutdown()
    signature, params = received[0]
    assert status == 204 and params["MessageStatus"] == "undelivered" and params["ErrorCode"] == "63016"
    assert RequestValidator(fake_twilio.auth_token).validate(callback, params, signature)


def test_dovecot_append_and_fetch(dovecot):
    """imapclient logs in, appends and fetches; every test starts with an empty INBOX."""
    with dovecot.client() as imap:
        assert imap.select_folder("INBOX")[b"EXISTS"] == 0
    dovecot.append(mail().as_bytes())
    [(uid, data)] = dovecot.fetch_all().items()
    assert b"Subject: Pertanyaan" in data[b"RFC822"]


def test_dovecot_restart_keeps_mail(dovecot):
    """A killed and restarted Dovecot comes back on the same port with the mail."""
    dovecot.append(mail().as_bytes())
    dovecot.server.kill()
    dovecot.server.start()
    assert len(dovecot.fetch_all()) == 1


def test_smtp_delivery_arrives(smtp_server):
    """smtplib's message arrives with its envelope and parses."""
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=5) as client:
        client.send_message(mail(), to_addrs=["warga@example.org"])
    [got] = smtp_server.wait_for(1)
    assert got.rcpt_tos == ["warga@example.org"] and got.message["Subject"] == "Pertanyaan"


@pytest.mark.parametrize("code, error", [(451, smtplib.SMTPDataError), (550, smtplib.SMTPDataError)])
def test_smtp_injected_failure(smtp_server, code, error):
    """The next message gets the injected reply; the one after is accepted."""
    smtp_server.fail_next(1, code)
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=5) as client:
        with pytest.raises(error) as caught:
            client.send_message(mail())
        assert caught.value.smtp_code == code
        client.send_message(mail())
    assert len(smtp_server.messages) == 1


def test_smtp_starttls_and_auth(make_smtp_server):
    """With STARTTLS and AUTH required, only a logged-in TLS client can send."""
    server = make_smtp_server(user="bot", password="pw", starttls=True)
    with smtplib.SMTP(server.host, server.port, timeout=5) as client:
        with pytest.raises(smtplib.SMTPSenderRefused):
            client.send_message(mail())
    with smtplib.SMTP(server.host, server.port, timeout=5) as client:
        client.starttls(context=server.client_tls_context())
        with pytest.raises(smtplib.SMTPAuthenticationError):
            client.login("bot", "wrong")
        client.login("bot", "pw")
        client.send_message(mail())
    assert len(server.wait_for(1)) == 1


def test_redis_outage_and_recovery(fresh_redis):
    """Stopping Redis breaks clients; starting it again on the same port heals them."""
    client = fresh_redis.client()
    assert client.dbsize() == 0
    fresh_redis.stop()
    with pytest.raises(redis.ConnectionError):
        client.ping()
    fresh_redis.start()
    assert client.ping()


def test_postgres_create_clone_and_drop(postgres_url):
    """A template's tables appear in a clone; dropping works with a session still open."""
    def setup(url):
        with psycopg.connect(postgres.libpq_url(url)) as conn:
            conn.execute("create table ticket (id serial primary key)")

    template = postgres.create_template(postgres.unique_name("tmpl"), setup)
    url = postgres.create_database(template=template)
    conn = psycopg.connect(postgres.libpq_url(url))
    assert conn.execute("select count(*) from ticket").fetchone() == (0,)
    postgres.drop_database(url)
    conn.close()
    postgres.drop_database(template)
    with psycopg.connect(postgres.libpq_url(postgres_url)) as admin:
        names = {name for (name,) in admin.execute("select datname from pg_database")}
    assert {template, make_url(url).database}.isdisjoint(names)
