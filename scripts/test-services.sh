#!/usr/bin/env bash
# Installs (from Debian packages) and starts what the tests need, on loopback only:
#   - PostgreSQL: a private cluster on 127.0.0.1:${BUSFARE_PG_PORT:-55432}
#   - Mosquitto: installed here; the tests start their own brokers with generated configs.
#   - Chromium: the browser the Playwright tests drive (/usr/bin/chromium; Playwright's own download is not used).
# Idempotent: a second run finds everything in place and only (re)starts what is down.
# Prints the environment the tests read, as `export` lines, on stdout.
set -euo pipefail

pg_port=${BUSFARE_PG_PORT:-55432}
pg_data=${BUSFARE_PG_DATA:-/var/tmp/busfare-pg}
log() { echo "test-services: $*" >&2; }

missing=()
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || missing+=(mosquitto mosquitto-clients)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
# The Debian packages start system services of their own; ours are private, on other ports.
mosquitto_bin=$(command -v mosquitto || echo /usr/sbin/mosquitto)
pg_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ ! -s "$pg_data/PG_VERSION" ]; then
  log "creating PostgreSQL cluster in $pg_data"
  mkdir -p "$pg_data"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$pg_data"
  as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust --no-sync >/dev/null
fi
if ! as_postgres "$pg_bin/pg_ctl" -D "$pg_data" status >/dev/null 2>&1; then
  log "starting PostgreSQL on 127.0.0.1:$pg_port"
  as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -t 60 start \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -k /tmp -c fsync=off -c max_connections=300" >/dev/null
fi
psql_cmd=(psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qtA)
if [ "$("${psql_cmd[@]}" -c "select 1 from pg_roles where rolname='busfare'")" != 1 ]; then
  "${psql_cmd[@]}" -c "create role busfare login superuser password 'busfare'" >/dev/null
fi
if [ "$("${psql_cmd[@]}" -c "select 1 from pg_database where datname='busfare_test'")" != 1 ]; then
  "${psql_cmd[@]}" -c "create database busfare_test owner busfare" >/dev/null
fi

echo "export BUSFARE_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=busfare;Password=busfare;Database=busfare_test'"
echo "export BUSFARE_TEST_MOSQUITTO='$mosquitto_bin'"
