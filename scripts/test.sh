#!/usr/bin/env bash
# The whole suite, on SQLite and PostgreSQL (tests start their own Redis, Dovecot, SMTP and fake Twilio).
set -uo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pytest -q -p no:cacheprovider "$@" tests
rc=$?
[ $rc -eq 5 ] && { echo "no tests ran" >&2; exit 1; }
exit $rc
