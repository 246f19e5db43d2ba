"""Real test servers (Redis, PostgreSQL, Dovecot, SMTP, a fake Twilio cloud) for the test suite."""
