#!/usr/bin/env bash
# Web (gunicorn), RQ worker with scheduler, and IMAP poller; Ctrl-C stops all three.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT="${PORT:-5000}"
pids=()
stop() { kill "${pids[@]}" 2>/dev/null; wait; exit 0; }
trap stop INT TERM
# gthread: concurrent WhatsApp webhooks share one commit (bot/groupcommit.py); see docs/whatsapp.md.
# config/gunicorn.py: access log without query strings (searches carry phone numbers and e-mail addresses).
$BIN/gunicorn -k gthread --workers "${WEB_WORKERS:-3}" --threads "${WEB_THREADS:-8}" --bind "127.0.0.1:$PORT" -c config/gunicorn.py wsgi:app & pids+=($!)
$BIN/flask --app wsgi worker & pids+=($!)
$BIN/flask --app wsgi poller & pids+=($!)
echo "PST bot: http://127.0.0.1:$PORT/healthz  (console: /console/)  Ctrl-C stops."
wait -n "${pids[0]}" "${pids[1]}"
stop
