"""A real SMTP server (aiosmtpd) that keeps what it receives, so outgoing mail is tested end to end.

Options cover what the bot's sender must cope with: AUTH, STARTTLS with a self-signed
certificate, and injected 451 (retry later) / 550 (give up) answers for the next N messages.
"""
import atexit
import email
import email.policy
import functools
import shutil
import ssl
import subprocess
import tempfile
import threading
import warnings
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.support.ports import HOST, free_port

# AUTH without TLS is what a plain test server does on purpose; aiosmtpd warns once per connection.
warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS", category=UserWarning)

FAILURE_REPLIES = {
    451: "451 4.3.0 Temporary local problem (injected by test)",
    550: "550 5.7.1 Message rejected (injected by test)",
}


@dataclass(frozen=True)
class ReceivedMail:
    """One accepted message: the envelope as sent over SMTP and the parsed content."""

    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    message: EmailMessage


@functools.cache
def self_signed_cert() -> tuple[str, str]:
    """(cert, key) paths of a throw-away certificate for 127.0.0.1/localhost; one per process."""
    folder = Path(tempfile.mkdtemp(prefix="test-smtp-tls-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run([
        "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-days", "2", "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert),
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
    ], check=True, capture_output=True)
    return str(cert), str(key)


class _Handler:
    """aiosmtpd handler: answers injected failures first, otherwise records the message."""

    def __init__(self, server: "SMTPServer"):
        self.server = server

    async def handle_DATA(self, smtp, session, envelope) -> str:
        return self.server._receive(envelope)


class SMTPServer:
    """aiosmtpd on a free loopback port, running in its own thread; .messages is thread-safe."""

    def __init__(self, user: str | None = None, password: str | None = None, starttls: bool = False,
                 implicit_tls: bool = False):
        """``starttls``: plain port that requires STARTTLS; ``implicit_tls``: TLS from the first byte (SMTPS, 465)."""
        self.host = HOST
        self.port = free_port()
        self.user, self.password = user, password
        self.cert_path = None
        self._messages: list[ReceivedMail] = []
        self._failures: list[int] = []
        self._lock = threading.Condition()
        options = {"enable_SMTPUTF8": True}
        if user is not None:
            options.update(auth_required=True, auth_require_tls=starttls, authenticator=self._authenticate)
        if starttls or implicit_tls:
            self.cert_path, key = self_signed_cert()
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(self.cert_path, key)
            options.update(tls_context=context, require_starttls=True) if starttls else options.update(ssl_context=context)
        self._serving = False
        self._controller = Controller(_Handler(self), hostname=self.host, port=self.port, **options)

    def settings(self) -> dict[str, str]:
        """The app settings that send mail to this server (plain SMTP, no STARTTLS)."""
        return {"SMTP_HOST": self.host, "SMTP_PORT": str(self.port), "SMTP_STARTTLS": "false"}

    def client_tls_context(self) -> ssl.SSLContext:
        """A client SSLContext that trusts this server's self-signed certificate."""
        return ssl.create_default_context(cafile=self.cert_path)

    def _authenticate(self, smtp, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == self.user and auth_data.password.decode() == self.password)
        return AuthResult(success=ok, handled=False)

    def _receive(self, envelope) -> str:
        with self._lock:
            if self._failures:
                return FAILURE_REPLIES[self._failures.pop(0)]
            raw = envelope.original_content or envelope.content
            message = email.message_from_bytes(raw, policy=email.policy.default)
            self._messages.append(ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), raw, message))
            self._lock.notify_all()
        return "250 2.0.0 OK"

    def fail_next(self, count: int = 1, code: int = 451) -> None:
        """Answer the next `count` messages' DATA with 451 (temporary) or 550 (permanent)."""
        if code not in FAILURE_REPLIES:
            raise ValueError(f"code must be one of {sorted(FAILURE_REPLIES)}")
        with self._lock:
            self._failures.extend([code] * count)

    @property
    def messages(self) -> list[ReceivedMail]:
        """A snapshot of what has been accepted, oldest first."""
        with self._lock:
            return list(self._messages)

    def wait_for(self, count: int, timeout: float = 10.0) -> list[ReceivedMail]:
        """Block until at least `count` messages arrived (mail is sent by workers, asynchronously)."""
        with self._lock:
            if not self._lock.wait_for(lambda: len(self._messages) >= count, timeout):
                raise TimeoutError(f"{len(self._messages)} of {count} messages after {timeout}s")
            return list(self._messages)

    def clear(self) -> None:
        """Forget received messages and pending failures."""
        with self._lock:
            self._messages.clear()
            self._failures.clear()

    def start(self) -> "SMTPServer":
        self._controller.start()
        self._serving = True
        return self

    def stop(self) -> None:
        """Stop serving; safe to call twice."""
        if self._serving:
            self._controller.stop()
            self._serving = False

    def __enter__(self) -> "SMTPServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

