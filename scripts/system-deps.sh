#!/usr/bin/env bash
# Install and start the system services the test suite runs for real (Redis, Dovecot, Chromium,
# PostgreSQL), so a fresh CI machine passes without skips. Idempotent; a silent no-op in well
# under a second when everything is already there. Never touches the shared Redis on 6379.
set -euo pipefail

PG_HOST=127.0.0.1
PG_PORT=${PG_PORT:-5432}  # overridable only to test this script on a spare cluster
export DEBIAN_FRONTEND=noninteractive

say() { echo "system-deps: $*"; }

pg_answers() {
    command -v psql >/dev/null &&
        psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -w -tAc 'select 1' postgres >/dev/null 2>&1
}

port_listens() { (exec 3<>"/dev/tcp/$PG_HOST/$PG_PORT") 2>/dev/null; }

# "version name" of the Debian cluster configured for our port, if any.
debian_cluster() {
    command -v pg_lsclusters >/dev/null || return 0
    pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3 == p { print $1, $2; exit }'
}

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
command -v chromium >/dev/null || missing+=(chromium)
command -v openssl >/dev/null || missing+=(openssl)
command -v wrk >/dev/null || missing+=(wrk)  # bench/webhook.py load generator
fresh_pg=0
if ! port_listens && [ -z "$(debian_cluster)" ]; then
    missing+=(postgresql)
    fresh_pg=1
fi

# Fast path: nothing to install and PostgreSQL already answers with trust auth.
if [ ${#missing[@]} -eq 0 ] && pg_answers; then
    exit 0
fi

if [ ${#missing[@]} -gt 0 ]; then
    # Package maintainer scripts must not start services in a sandbox: the tests start their own.
    added_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod +x /usr/sbin/policy-rc.d
        added_policy=1
        trap '[ "$added_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    say "apt-get update"
    apt-get update -qq >/dev/null
    say "installing ${missing[*]}"
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

read -r pg_version pg_name <<<"$(debian_cluster)" || true
if [ -n "${pg_version:-}" ]; then
    cluster="$pg_version/$pg_name"
    hba=/etc/postgresql/$cluster/pg_hba.conf
    if [ "$fresh_pg" = 1 ] || ! grep -Eq '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
        # Tests connect as postgres over TCP without a password; only loopback lines change.
        sed -ri 's#^(host\s+all\s+all\s+(127\.0\.0\.1/32|::1/128)\s+)\S+#\1trust#' "$hba"
        say "pg_hba.conf of cluster $cluster: loopback TCP set to trust"
        hba_changed=1
    fi
    if ! port_listens; then
        say "starting PostgreSQL cluster $cluster"
        pg_ctlcluster --skip-systemctl-redirect "$pg_version" "$pg_name" start
    elif [ "${hba_changed:-0}" = 1 ]; then
        say "reloading PostgreSQL cluster $cluster"
        pg_ctlcluster --skip-systemctl-redirect "$pg_version" "$pg_name" reload
    fi
fi

for _ in $(seq 50); do
    pg_answers && exit 0
    sleep 0.2
done
say "PostgreSQL does not answer on $PG_HOST:$PG_PORT as user postgres with trust auth" >&2
exit 1
