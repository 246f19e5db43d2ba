#!/usr/bin/env bash
# Start the project's own redis-server on a unix socket under var/ when REDIS_URL is unset.
# It persists to var/redis/ (append-only file), so queued jobs survive a restart of `make run`.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${REDIS_URL:-}" ]; then exit 0; fi
sock="$PWD/var/run/redis.sock"
mkdir -p var/run var/redis
if redis-cli -s "$sock" ping >/dev/null 2>&1; then exit 0; fi
redis-server --port 0 --unixsocket "$sock" --unixsocketperm 700 --dir "$PWD/var/redis" \
  --appendonly yes --daemonize yes --pidfile "$PWD/var/run/redis.pid" --logfile "$PWD/var/redis/redis.log"
for _ in $(seq 50); do redis-cli -s "$sock" ping >/dev/null 2>&1 && exit 0; sleep 0.1; done
echo "redis-server did not start; see var/redis/redis.log" >&2
exit 1
