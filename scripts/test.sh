#!/usr/bin/env bash
# The whole suite, on SQLite and PostgreSQL (tests start their own Redis, Dovecot, SMTP and fake Twilio,
# each on a free port, so pytest-xdist can run them side by side). TEST_WORKERS=0 runs in one process.
set -uo pipefail
cd "$(dirname "$0")/.."
workers=${TEST_WORKERS:-3}
args=()
[ "$workers" != 0 ] && args=(-n "$workers")
.venv/bin/python -m pytest -q -p no:cacheprovider "${args[@]}" "$@" tests
rc=$?
[ $rc -eq 5 ] && { echo "no tests ran" >&2; exit 1; }
exit $rc
