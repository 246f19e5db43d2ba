"""Settings: defaults from the service standard, and one clear sentence for a bad value."""
from __future__ import annotations

import datetime as dt

import pytest

from config import ConfigError, Settings
from config import parse

BASE = {"SECRET_KEY": "x"}


def test_service_standard_defaults():
    """Without settings the office's published limits apply."""
    s = Settings.from_mapping(BASE)
    assert s.inactivity_close_after == dt.timedelta(days=7)
    assert s.inactivity_reminder_after == dt.timedelta(days=5)
    assert s.sla_working_days == 3
    assert s.walkin_wait_limit == dt.timedelta(minutes=10)
    assert s.sweep_interval == dt.timedelta(minutes=1)
    assert s.office_timezone == "Asia/Jakarta"
    assert s.trusted_proxies == 0  # X-Forwarded-For is believed only when the deployment says so
    assert s.mail_from == "ipds1674@bps.go.id"
    assert s.database_url.startswith("sqlite:///") and s.database_url.endswith("var/pst.db")


@pytest.mark.parametrize("name,value", [
    ("INACTIVITY_CLOSE_AFTER", "seven days"), ("SLA_WORKING_DAYS", "0"), ("SMTP_PORT", "smtp"),
    ("IMAP_SSL", "maybe"), ("OFFICE_HOURS", "mon-thu 7-16"), ("EXTRA_CLOSED_DATES", "24/12/2026"),
    ("DATABASE_URL", "mysql://x"), ("PUBLIC_BASE_URL", "example.org"), ("MAIL_FROM", "pst"),
    ("WALKIN_WAIT_LIMIT", "0m"), ("SLA_REMINDER_FRACTIONS", "0.8, 0.5"), ("SLA_REMINDER_FRACTIONS", "0.2 0.5 0.8"),
    ("TRUSTED_PROXIES", "-1"), ("TRUSTED_PROXIES", "nginx"), ("HANDOFF_ACK_AFTER", "two hours"),
    ("TICKET_ASK_AFTER", "0h"),
])
def test_bad_value_names_the_variable(name, value):
    """The error is one sentence that starts with the variable's name."""
    with pytest.raises(ConfigError) as err:
        Settings.from_mapping({**BASE, name: value})
    assert str(err.value).startswith(f"{name} is invalid:") and "\n" not in str(err.value)


@pytest.mark.parametrize("value,expected", [
    (None, (0.5, 0.8)), ("", (0.5, 0.8)), ("25%, 90%", (0.25, 0.9)), ("0.7", (0.7,)), ("none", ()), (" Off ", ()),
])
def test_sla_reminder_fractions(value, expected):
    """Default 50 % and 80 %; percentages or fractions; ``none`` switches officer reminders off."""
    env = BASE if value is None else {**BASE, "SLA_REMINDER_FRACTIONS": value}
    assert Settings.from_mapping(env).sla_reminder_fractions == pytest.approx(expected)


@pytest.mark.parametrize("env,missing", [
    ({"TWILIO_ACCOUNT_SID": "AC1"}, "TWILIO_AUTH_TOKEN"),
    ({"IMAP_HOST": "imap.example.org", "IMAP_USER": "u"}, "IMAP_PASSWORD"),
    ({"SMTP_USER": "u"}, "SMTP_PASSWORD"),
    ({"SECRET_KEY": ""}, "SECRET_KEY"),
])
def test_incomplete_groups_name_the_missing_variable(env, missing):
    """Half-configured channels stop start-up naming what is missing."""
    with pytest.raises(ConfigError, match=f"^{missing} is missing"):
        Settings.from_mapping({**BASE, **env})


def test_reminder_must_come_before_close():
    with pytest.raises(ConfigError, match="INACTIVITY_REMINDER_AFTER"):
        Settings.from_mapping({**BASE, "INACTIVITY_REMINDER_AFTER": "8d"})


def test_verification_limits_default_and_hourly_fits_in_daily():
    """Code mails: 3 an hour and 10 a day per address, 3 addresses a sender, 5 wrong codes; an hour over a day fails."""
    s = Settings.from_mapping(BASE)
    assert (s.verify_mails_per_address_hour, s.verify_mails_per_address_day, s.verify_addresses_per_sender_hour,
            s.verify_wrong_codes_per_hour) == (3, 10, 3, 5)
    with pytest.raises(ConfigError, match="^VERIFY_MAILS_PER_ADDRESS_HOUR must not be more"):
        Settings.from_mapping({**BASE, "VERIFY_MAILS_PER_ADDRESS_HOUR": "11"})
    with pytest.raises(ConfigError, match="^VERIFY_WRONG_CODES_PER_HOUR is invalid"):
        Settings.from_mapping({**BASE, "VERIFY_WRONG_CODES_PER_HOUR": "0"})


def test_postgres_url_gets_the_psycopg_driver():
    s = Settings.from_mapping({**BASE, "DATABASE_URL": "postgres://u@h/db"})
    assert s.database_url == "postgresql+psycopg://u@h/db"


def test_dotenv_fills_only_what_the_environment_leaves_unset(tmp_path):
    """A .env file is read, but a real environment variable wins."""
    dotenv = tmp_path / ".env"
    dotenv.write_text("SLA_WORKING_DAYS=5\nSWEEP_INTERVAL=30s\n")
    s = Settings.from_env({"SECRET_KEY": "x", "SWEEP_INTERVAL": "2m", "VAR_DIR": str(tmp_path)}, dotenv=dotenv)
    assert s.sla_working_days == 5 and s.sweep_interval == dt.timedelta(minutes=2)


def test_missing_secret_is_generated_once_and_kept(tmp_path):
    """A fresh clone runs without a SECRET_KEY; the generated one survives restarts."""
    env = {"VAR_DIR": str(tmp_path)}
    first = Settings.from_env(env, dotenv=tmp_path / "none").secret_key
    assert len(first) > 40 and Settings.from_env(env, dotenv=tmp_path / "none").secret_key == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("text,expected", [("30s", 30), ("10m", 600), ("2h", 7200), ("5d", 432000), (" 1w ", 604800)])
def test_durations(text, expected):
    assert parse.duration(text).total_seconds() == expected


def test_wsgi_reports_config_error_in_one_line(tmp_path):
    """`flask --app wsgi` with a bad variable prints one sentence, not a traceback."""
    import os
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], text=True,
                            capture_output=True, env={**os.environ, "SLA_WORKING_DAYS": "three",
                                                      "VAR_DIR": str(tmp_path)}, timeout=60,
                            cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert result.returncode != 0
    assert "SLA_WORKING_DAYS is invalid" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("name,value", [
    ("INACTIVITY_CLOSE_AFTER", "99999999999999999d"),  # past what a timedelta holds
    ("INACTIVITY_CLOSE_AFTER", "3000000d"),  # a timedelta, but now + it is past year 9999
    ("SWEEP_INTERVAL", "1000000000w"),
    ("OFFICE_TIMEZONE", "Asia/Jakartaa"),
    ("OFFICE_TIMEZONE", "../etc/passwd"),
    ("OFFICE_HOURS", "mon-sun closed"),
])
def test_values_that_failed_later_are_refused_at_start_up(name, value):
    """Huge durations, unknown time zones and never-open office hours stop start-up in one sentence."""
    with pytest.raises(ConfigError) as err:
        Settings.from_mapping({**BASE, name: value})
    assert str(err.value).startswith(f"{name} is invalid:") and "\n" not in str(err.value)
