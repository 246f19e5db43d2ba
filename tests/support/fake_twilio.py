"""A local stand-in for Twilio's cloud, reached by the real Twilio SDK (client.api.base_url = fake.url).

Only the REST calls the bot makes are spoken: create and fetch a Message (a MediaUrl is fetched, HEAD then GET,
after the create is answered, as Twilio does, and what came back is kept on the message), download inbound media, and the
Content API (tests/support/fake_content.py: create, list, fetch, delete; sends with ContentSid rendered and
checked), whose answers take 0.1–0.5 s as the real one's do. It can refuse (429 with Retry-After, 500, Twilio
errors such as 63016, a Content definition) and it can call the bot back with a signed status callback or a
citizen's tap on a button or list row, as Twilio does.
"""
import base64
import hmac
import json
import math
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from twilio.request_validator import RequestValidator

from tests.support import fake_content
from tests.support.ports import HOST

API = "2010-04-01"
MESSAGES = re.compile(rf"^/{API}/Accounts/(?P<account>AC\w+)/Messages(?:/(?P<sid>SM\w+))?\.json$")
MEDIA = re.compile(r"^/media/(?P<name>[\w.-]+)$")

# Failure presets: key -> (HTTP status, Twilio error code, message).
FAILURES = {
    429: (429, 20429, "Too Many Requests"),
    500: (500, 20500, "Internal Server Error"),
    63016: (400, 63016, "Failed to send freeform message because you are outside the allowed window. "
                        "If you are using WhatsApp, please use a Message Template."),
    21211: (400, 21211, "The 'To' number is not a valid phone number."),
}
GSM7 = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
           "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€")


def twilio_error(status: int, code: int, message: str) -> dict:
    """Twilio's legacy error body, which the SDK turns into TwilioRestException."""
    return {"code": code, "message": message, "more_info": f"https://www.twilio.com/docs/errors/{code}",
            "status": status}


def num_segments(body: str) -> int:
    """SMS segment count as Twilio reports it: GSM-7 160/153 chars, otherwise UCS-2 70/67."""
    single, multi = (160, 153) if set(body) <= GSM7 else (70, 67)
    return 1 if len(body) <= single else math.ceil(len(body) / multi)


@dataclass
class MediaFetch:
    """What the fake got from one MediaUrl, as Twilio fetches it before sending the medium."""

    url: str
    status: int
    content_type: str | None = None
    disposition: str | None = None
    data: bytes = b""
    head_status: int | None = None


def fetch_media(url: str) -> MediaFetch:
    """HEAD then GET ``url`` without credentials (Twilio's fetcher has none of ours)."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=10) as head:
            head_status = head.status
    except urllib.error.HTTPError as exc:
        head_status = exc.code
    except OSError:
        head_status = None
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return MediaFetch(url, response.status, response.headers.get("Content-Type"),
                              response.headers.get("Content-Disposition"), response.read(), head_status)
    except urllib.error.HTTPError as exc:
        return MediaFetch(url, exc.code, exc.headers.get("Content-Type"), None, exc.read(), head_status)
    except OSError:
        return MediaFetch(url, 0, head_status=head_status)


@dataclass
class SentMessage:
    """One accepted Messages.json POST: the form as sent and the resource JSON as answered."""

    sid: str
    params: dict  # single-valued form fields; "MediaUrl" is a list
    resource: dict = field(repr=False)
    rendered: dict | None = None  # a Content message: its types with the ContentVariables filled in
    media: list[MediaFetch] | None = None  # what each MediaUrl answered, once fetched (FakeTwilio.fetched waits)

    @property
    def to(self) -> str:
        return self.params.get("To")

    @property
    def from_(self) -> str:
        return self.params.get("From")

    @property
    def body(self) -> str | None:
        """The text the citizen reads (a Content message's rendered body)."""
        if self.params.get("Body") or not self.rendered:
            return self.params.get("Body")
        return next(iter(self.rendered.values())).get("body")

    @property
    def options(self) -> list[str]:
        """The labels of a Content message's buttons or list rows, in order."""
        return [label for _, _, label in fake_content.options(self.rendered or {})]


class FakeTwilio:
    """ThreadingHTTPServer on a free loopback port, in a daemon thread; all state behind one lock."""

    def __init__(self, account_sid: str | None = None, auth_token: str | None = None):
        self.account_sid = account_sid or "AC" + uuid.uuid4().hex
        self.auth_token = auth_token or uuid.uuid4().hex
        self._httpd = ThreadingHTTPServer((HOST, 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.fake = self
        self.port = self._httpd.server_address[1]
        self.url = f"http://{HOST}:{self.port}"
        self._lock = threading.Condition()
        self._thread = None
        self.content_latency = (0.1, 0.5)  # seconds, as the real Content API answers
        self.reset()

    def reset(self) -> None:
        """Forget messages, media, failures and the request log (between tests)."""
        with self._lock:
            self.messages: list[SentMessage] = []
            self.requests: list[tuple[str, str]] = []  # (method, path) of every request
            self._media: dict[str, tuple[bytes, str]] = {}
            self._failures: list[tuple[int, int, str, int | None]] = []
            self.content = fake_content.ContentStore(self.account_sid, self.url)

    # -- test controls ---------------------------------------------------------------------------

    def fail_next(self, count: int = 1, kind: int = 500, message: str | None = None,
                  retry_after: int = 1) -> None:
        """Make the next `count` message sends fail: kind is a key of FAILURES or any Twilio code."""
        status, code, default = FAILURES.get(kind, (400, kind, f"Twilio error {kind}"))
        with self._lock:
            self._failures.extend([(status, code, message or default,
                                    retry_after if status == 429 else None)] * count)

    def fail_content(self, count: int = 1, status: int = 400, code: int = 20001,
                     message: str = "Invalid content") -> None:
        """Make the next `count` Content creates fail (a 5xx too, with status=500, code=20500)."""
        with self._lock:
            self.content.failures.extend([(status, code, message)] * count)

    def tap_form(self, sent: SentMessage, index: int) -> dict:
        """The signed-to-be form Twilio posts when the citizen taps option `index` of the Content message `sent`."""
        return fake_content.tap_form(self.account_sid, sent, index, "SM" + uuid.uuid4().hex)

    def tap(self, url: str, sent: SentMessage, index: int) -> tuple[int, bytes]:
        """POST the tap to the bot's webhook at `url`, signed like Twilio."""
        return self.signed_post(url, self.tap_form(sent, index))

    def add_media(self, name: str, data: bytes, content_type: str = "image/jpeg") -> str:
        """Serve `data` at the returned URL (Basic auth required), as an inbound MediaUrl0."""
        with self._lock:
            self._media[name] = (data, content_type)
        return f"{self.url}/media/{name}"

    def wait_for(self, count: int, timeout: float = 10.0) -> list[SentMessage]:
        """Block until at least `count` messages were sent (workers send asynchronously)."""
        with self._lock:
            if not self._lock.wait_for(lambda: len(self.messages) >= count, timeout):
                raise TimeoutError(f"{len(self.messages)} of {count} Twilio messages after {timeout}s")
            return list(self.messages)

    def client(self):
        """A real twilio.rest.Client whose API calls come here."""
        from twilio.rest import Client

        client = Client(self.account_sid, self.auth_token)
        client.api.base_url = self.url
        return client

    # -- calling the bot back, as Twilio does ----------------------------------------------------

    def signed_post(self, url: str, params: dict) -> tuple[int, bytes]:
        """POST form params to the bot with a valid X-Twilio-Signature; (HTTP status, body)."""
        signature = RequestValidator(self.auth_token).compute_signature(url, params)
        request = urllib.request.Request(
            url, data=urllib.parse.urlencode(params).encode(), method="POST",
            headers={"X-Twilio-Signature": signature,
                     "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def status_callback(self, sid: str, status: str, error_code: int | None = None,
                        url: str | None = None) -> tuple[int, bytes]:
        """Set a sent message's status and POST the callback to its StatusCallback (or `url`)."""
        with self._lock:
            sent = next(m for m in self.messages if m.sid == sid)
            sent.resource.update(status=status, error_code=error_code, date_updated=_now())
        params = {"MessageSid": sid, "SmsSid": sid, "MessageStatus": status, "SmsStatus": status,
                  "AccountSid": self.account_sid, "From": sent.from_, "To": sent.to, "ApiVersion": API}
        if error_code is not None:
            params["ErrorCode"] = str(error_code)
        target = url or sent.params.get("StatusCallback")
        if not target:
            raise ValueError(f"message {sid} has no StatusCallback and no url was given")
        return self.signed_post(target, params)

    # -- serving ---------------------------------------------------------------------------------

    def _authorized(self, header: str | None) -> bool:
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        return hmac.compare_digest(header or "", f"Basic {expected}")

    def _create(self, account: str, form: dict[str, list[str]]) -> tuple[int, dict, dict]:
        params = {k: v[0] for k, v in form.items() if k != "MediaUrl"}
        if "MediaUrl" in form:
            params["MediaUrl"] = form["MediaUrl"]
        problem = _missing_param(params)
        if problem:
            return problem
        with self._lock:
            if self._failures:
                status, code, message, retry_after = self._failures.pop(0)
                headers = {"Retry-After": str(retry_after)} if retry_after else {}
                return status, twilio_error(status, code, message), headers
            rendered, refused = (self.content.render(params["ContentSid"], params.get("ContentVariables"))
                                 if params.get("ContentSid") else (None, None))
            if refused:
                return refused
            sid = "SM" + uuid.uuid4().hex
            sent = SentMessage(sid, params, {}, rendered)
            sent.resource = _message_resource(account, sid, {**params, "Body": sent.body})
            resource = dict(sent.resource)
            self.messages.append(sent)
            self._lock.notify_all()
        if params.get("MediaUrl"):  # fetched after the answer, as Twilio does (the sender may still hold its lock)
            threading.Thread(target=self._fetch_media, args=(sent,), daemon=True, name="fake-twilio-media").start()
        return 201, resource, {}

    def _fetch_media(self, sent: SentMessage) -> None:
        fetched = [fetch_media(url) for url in sent.params["MediaUrl"]]
        with self._lock:
            sent.media = fetched
            if any(item.status != 200 for item in fetched):  # Twilio fails the message: 11200 HTTP retrieval failure
                sent.resource.update(status="failed", error_code=11200, date_updated=_now())
            self._lock.notify_all()

    def fetched(self, sent: SentMessage, timeout: float = 15.0) -> list[MediaFetch]:
        """Block until the fake has fetched every MediaUrl of ``sent``; what each answered."""
        with self._lock:
            if not self._lock.wait_for(lambda: sent.media is not None, timeout):
                raise TimeoutError(f"media of {sent.sid} not fetched after {timeout}s")
            return list(sent.media)

    def _fetch(self, sid: str) -> tuple[int, dict, dict]:
        with self._lock:
            found = next((m.resource for m in self.messages if m.sid == sid), None)
        if found is None:
            return 404, twilio_error(404, 20404, f"The requested resource /{API}/Accounts/"
                                                 f"{self.account_sid}/Messages/{sid}.json was not found"), {}
        return 200, found, {}

    def _content(self, method: str, sid: str | None, raw: bytes, query: str) -> tuple[int, dict, dict]:
        low, high = self.content_latency
        time.sleep(random.uniform(low, high))
        with self._lock:
            if method == "POST" and not sid:
                return self.content.create(raw)
            if method == "GET" and not sid:
                return self.content.page(urllib.parse.parse_qs(query))
            if method == "GET":
                return self.content.fetch(sid)
            if method == "DELETE":
                return self.content.delete(sid)
        return 405, twilio_error(405, 20004, "Method not allowed"), {}

    def start(self) -> "FakeTwilio":
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True,
                                        name="fake-twilio")
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port; safe to call twice."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> "FakeTwilio":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _now() -> str:
    return format_datetime(datetime.now(timezone.utc))  # RFC 2822, "+0000", as Twilio writes it


def _missing_param(params: dict) -> tuple[int, dict, dict] | None:
    """Twilio's 400s for a send that lacks a recipient, a sender or any content."""
    if not params.get("To"):
        return 400, twilio_error(400, 21604, "A 'To' phone number is required."), {}
    if not params.get("From") and not params.get("MessagingServiceSid"):
        return 400, twilio_error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required"), {}
    if not (params.get("Body") or params.get("MediaUrl") or params.get("ContentSid")):
        return 400, twilio_error(400, 21602, "Message body is required."), {}
    return None


def _message_resource(account: str, sid: str, params: dict) -> dict:
    """The Message JSON Twilio answers a create with (status "queued", price not known yet)."""
    now = _now()
    uri = f"/{API}/Accounts/{account}/Messages/{sid}.json"
    body = params.get("Body") or ""
    return {
        "account_sid": account, "api_version": API, "body": body, "date_created": now,
        "date_sent": None, "date_updated": now, "direction": "outbound-api", "error_code": None,
        "error_message": None, "from": params.get("From"), "to": params["To"],
        "messaging_service_sid": params.get("MessagingServiceSid"),
        "num_media": str(len(params.get("MediaUrl", []))), "num_segments": str(num_segments(body)),
        "price": None, "price_unit": "USD", "sid": sid, "status": "queued", "uri": uri,
        "subresource_uris": {"media": uri.replace(".json", "/Media.json"),
                             "feedback": uri.replace(".json", "/Feedback.json")},
    }


class _Handler(BaseHTTPRequestHandler):
    """Routes requests to the FakeTwilio on self.server.fake; every route needs Basic auth."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes: without this each reply waits 40 ms

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _route(self, method: str) -> None:
        fake: FakeTwilio = self.server.fake
        path = urllib.parse.urlsplit(self.path).path
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        with fake._lock:
            fake.requests.append((method, path))
        if not fake._authorized(self.headers.get("Authorization")):
            return self._json(401, twilio_error(401, 20003, "Authenticate"),
                              {"WWW-Authenticate": 'Basic realm="Twilio API"'})
        content = fake_content.PATH.match(path)
        if content:
            return self._json(*fake._content(method, content["sid"], raw, urllib.parse.urlsplit(self.path).query))
        messages, media = MESSAGES.match(path), MEDIA.match(path)
        if messages and messages["account"] != fake.account_sid:
            messages = None  # another account's resources: not found
        if messages and method == "POST" and not messages["sid"]:
            return self._json(*fake._create(messages["account"], urllib.parse.parse_qs(raw.decode())))
        if messages and method == "GET" and messages["sid"]:
            return self._json(*fake._fetch(messages["sid"]))
        if media and method == "GET" and media["name"] in fake._media:
            data, content_type = fake._media[media["name"]]
            return self._send(200, data, content_type, {})
        return self._json(404, twilio_error(404, 20404, f"The requested resource {path} was not found"), {})

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def do_DELETE(self) -> None:
        self._route("DELETE")

    def _json(self, status: int, payload: dict, headers: dict) -> None:
        self._send(status, json.dumps(payload).encode(), "application/json", headers)

    def _send(self, status: int, data: bytes, content_type: str, headers: dict) -> None:
        if status == 204:
            data = b""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
