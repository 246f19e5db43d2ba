"""All settings, declared once as a table of (variable, parser, default)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import secrets
from pathlib import Path
from typing import Any, Callable, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from config import parse

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = PROJECT_ROOT / "var"
RETENTION_MAX = dt.timedelta(days=3660)  # ten years: UU 27/2022 asks for no longer than the purpose needs


class ConfigError(RuntimeError):
    """A setting is wrong or missing; the message is one sentence naming the variable."""


def _database_url(text: str) -> str:
    value = text.strip()
    for prefix in ("postgres://", "postgresql://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix):]
    if not value.startswith(("sqlite:", "postgresql+psycopg:")):
        raise ValueError(f"{text!r} is not a sqlite:/// or postgresql:// URL")
    return value


def _office_hours(text: str):
    from bot.workcalendar import parse_office_hours  # pure parser, kept beside the calendar that uses it

    if not any(parse_office_hours(text).values()):
        raise ValueError("no day has office hours, so no due time could ever be set")
    return text.strip()


def _timezone(text: str) -> str:
    try:
        ZoneInfo(text.strip())
    except (ValueError, ZoneInfoNotFoundError):
        raise ValueError(f"{text!r} is not a time zone like Asia/Jakarta") from None
    return text.strip()


def _text(text: str) -> str:
    return text.strip()


# variable, parser, default (None: optional, empty means unset). Order = order in the README.
SPEC: list[tuple[str, Callable[[str], Any], str | None]] = [
    ("DATABASE_URL", _database_url, f"sqlite:///{VAR_DIR / 'pst.db'}"),
    ("REDIS_URL", lambda t: parse.url(t, ("redis", "rediss", "unix")), f"unix://{VAR_DIR / 'run' / 'redis.sock'}"),
    ("SECRET_KEY", _text, None),
    ("PUBLIC_BASE_URL", parse.url, "http://127.0.0.1:5000"),
    ("TRUSTED_PROXIES", lambda t: parse.integer(t, 0, 5), "0"),  # proxy hops whose X-Forwarded-For is believed
    ("CONSOLE_IDLE_TIMEOUT", parse.duration, "2h"),  # a console login nobody has used (polls aside) for this long ends
    ("CONSOLE_SESSION_MAX", parse.duration, "10h"),  # and every login ends this long after it began: one working day
    ("TWILIO_ACCOUNT_SID", _text, None),
    ("TWILIO_AUTH_TOKEN", _text, None),
    ("TWILIO_WHATSAPP_FROM", _text, None),
    ("TWILIO_API_BASE", parse.url, "https://api.twilio.com"),
    ("TWILIO_CONTENT_API_BASE", parse.url, "https://content.twilio.com"),  # Content API: buttons and lists
    ("TWILIO_TEMPLATE_OFFICER_REPLY", _text, None),  # ContentSid (HX…) used outside the 24-hour window
    ("TWILIO_TEMPLATE_CLOSING", _text, None),
    ("TWILIO_TEMPLATE_RATING", _text, None),
    ("WHATSAPP_MEDIA_MAX_BYTES", lambda t: parse.integer(t, 1024, 100 * 2**20), str(16 * 2**20)),
    ("IMAP_HOST", _text, None),
    ("IMAP_PORT", lambda t: parse.integer(t, 1, 65535), None),
    ("IMAP_USER", _text, None),
    ("IMAP_PASSWORD", _text, None),
    ("IMAP_SSL", parse.boolean, "true"),
    ("IMAP_FOLDER", _text, "INBOX"),
    ("SMTP_HOST", _text, None),
    ("SMTP_PORT", lambda t: parse.integer(t, 1, 65535), "587"),
    ("SMTP_USER", _text, None),
    ("SMTP_PASSWORD", _text, None),
    ("SMTP_STARTTLS", parse.boolean, "true"),
    ("SMTP_SSL", parse.boolean, "false"),  # implicit TLS (usually port 465) instead of STARTTLS
    ("MAIL_FROM", parse.email_address, "ipds1674@bps.go.id"),
    ("MAIL_POLL_INTERVAL", parse.duration, "1m"),  # IMAP check when the server has no IDLE (and IDLE renewal)
    ("MAIL_AUTO_REPLY_LIMIT", lambda t: parse.integer(t, 1, 1000), "10"),  # bot mails per address per hour
    ("VERIFY_MAILS_PER_ADDRESS_HOUR", lambda t: parse.integer(t, 1, 100), "3"),  # code mails to one address
    ("VERIFY_MAILS_PER_ADDRESS_DAY", lambda t: parse.integer(t, 1, 1000), "10"),
    ("VERIFY_ADDRESSES_PER_SENDER_HOUR", lambda t: parse.integer(t, 1, 100), "3"),  # distinct addresses one asks for
    ("VERIFY_WRONG_CODES_PER_HOUR", lambda t: parse.integer(t, 1, 100), "5"),  # per sender, across codes
    ("MAIL_MAX_ATTACHMENT_BYTES", lambda t: parse.integer(t, 1024, 100 * 2**20), str(10 * 2**20)),
    ("MAIL_REPLY_FILE_MAX_BYTES", lambda t: parse.integer(t, 1024, 50 * 2**20), str(10 * 2**20)),  # officer's file
    ("MEDIA_LINK_TTL", lambda t: parse.duration(t, dt.timedelta(days=7)), "1h"),  # signed /media/<token> links live
    ("OFFICE_TIMEZONE", _timezone, "Asia/Jakarta"),
    ("OFFICE_HOURS", _office_hours, "mon-thu 07:30-16:00, fri 07:30-16:30"),
    ("EXTRA_CLOSED_DATES", parse.dates, ""),
    ("INACTIVITY_REMINDER_AFTER", parse.duration, "5d"),
    ("INACTIVITY_CLOSE_AFTER", parse.duration, "7d"),
    ("HANDOFF_ACK_AFTER", parse.duration, "2h"),  # officer silent this long: one short acknowledgement
    ("TICKET_ASK_AFTER", parse.duration, "12h"),  # back after this long: "for ticket X, or a new question?"
    ("SLA_WORKING_DAYS", lambda t: parse.integer(t, 1, 60), "3"),
    ("WALKIN_WAIT_LIMIT", parse.duration, "10m"),
    ("SWEEP_INTERVAL", parse.duration, "1m"),
    ("SLA_REMINDER_FRACTIONS", parse.fractions, "0.5, 0.8"),  # share of working time; at most two
    ("SLA_BREACH_REASSIGN", parse.boolean, "false"),
    ("COMPLAINT_MAILBOX", parse.email_address, "ipds1674@bps.go.id"),  # every complaint is mailed here
    ("COMPLAINT_DUE", lambda t: parse.integer(t, 1, 60), "5"),  # working days to answer a complaint
    ("SURVEY_LINK_LIFETIME", parse.duration, "14d"),  # the signed SKM survey link works this long after it is sent
    ("IKM_WEIGHTS", parse.weights, "equal"),  # nine element weights summing to 1 (1/9 each per PermenPAN-RB 14/2017)
    # closed conversations (and citizens with nothing newer) are anonymised this long after they end
    ("RETENTION_AFTER_CLOSE", lambda t: parse.duration(t, RETENTION_MAX), "730d"),
    ("OUTBOX_SENDING_TIMEOUT", parse.duration, "10m"),  # a send not confirmed by then goes to an officer
    ("CLOCK_FILE", _text, None),  # tests only: every process reads the time from this file
    ("VAR_DIR", lambda t: str(Path(t).resolve()), str(VAR_DIR)),
]


@dataclasses.dataclass(frozen=True)
class Settings:
    """Typed settings; attribute names are the variable names in lower case."""

    values: Mapping[str, Any]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name.upper()]
        except KeyError:
            raise AttributeError(name) from None

    @classmethod
    def from_mapping(cls, env: Mapping[str, str]) -> "Settings":
        values: dict[str, Any] = {}
        for name, parser, default in SPEC:
            raw = env.get(name)
            if raw is None or (raw.strip() == "" and default is not None):
                raw = default
            if raw is None or (raw.strip() == "" and default is None):
                values[name] = None
                continue
            try:
                values[name] = parser(raw)
            except ValueError as exc:
                raise ConfigError(f"{name} is invalid: {exc}.") from None
        settings = cls(values)
        settings._check()
        return settings

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, dotenv: Path | None = None) -> "Settings":
        """Environment first, then a ``.env`` file for what the environment leaves unset."""
        env = dict(environ if environ is not None else os.environ)
        dotenv = dotenv or PROJECT_ROOT / ".env"
        if dotenv.is_file():
            from dotenv import dotenv_values

            for key, value in dotenv_values(dotenv).items():
                env.setdefault(key, value or "")
        if not env.get("SECRET_KEY"):
            env["SECRET_KEY"] = _local_secret(Path(env.get("VAR_DIR") or VAR_DIR))
        return cls.from_mapping(env)

    def _check(self) -> None:
        if not self.secret_key:
            raise ConfigError("SECRET_KEY is missing: set it to a long random string.")
        if self.inactivity_reminder_after >= self.inactivity_close_after:
            raise ConfigError("INACTIVITY_REMINDER_AFTER must be shorter than INACTIVITY_CLOSE_AFTER.")
        if self.verify_mails_per_address_hour > self.verify_mails_per_address_day:
            raise ConfigError("VERIFY_MAILS_PER_ADDRESS_HOUR must not be more than VERIFY_MAILS_PER_ADDRESS_DAY.")
        if self.console_idle_timeout > self.console_session_max:
            raise ConfigError("CONSOLE_IDLE_TIMEOUT must not be longer than CONSOLE_SESSION_MAX.")
        twilio = ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_WHATSAPP_FROM")
        _all_or_none(self, twilio)
        _all_or_none(self, ("IMAP_HOST", "IMAP_USER", "IMAP_PASSWORD"))
        if self.smtp_user and not self.smtp_password:
            raise ConfigError("SMTP_PASSWORD is missing: it is needed when SMTP_USER is set.")

    @property
    def imap_port_or_default(self) -> int:
        return self.imap_port or (993 if self.imap_ssl else 143)

    @property
    def whatsapp_enabled(self) -> bool:
        return bool(self.twilio_account_sid)

    @property
    def imap_enabled(self) -> bool:
        return bool(self.imap_host)

    @property
    def smtp_enabled(self) -> bool:
        return bool(self.smtp_host)

    @property
    def var_path(self) -> Path:
        return Path(self.var_dir)

    def extra_closed(self) -> tuple[dt.date, ...]:
        return self.extra_closed_dates or ()


def _all_or_none(settings: Settings, names: tuple[str, ...]) -> None:
    given = [n for n in names if settings.values.get(n)]
    if given and len(given) != len(names):
        missing = next(n for n in names if not settings.values.get(n))
        raise ConfigError(f"{missing} is missing: it is needed when {given[0]} is set.")


def _local_secret(var_dir: Path) -> str:
    """A per-installation key kept in ``var/secret_key`` so a fresh clone runs without set-up."""
    path = var_dir / "secret_key"
    if path.is_file():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.touch(mode=0o600)
    path.write_text(key)
    return key
