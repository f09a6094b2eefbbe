#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on loopback for the storage/API tests.
#
# Usage:  eval "$(.ci/postgres.sh)"      # or: source .ci/postgres.sh
# Prints `export ROOTCAUSE_TEST_POSTGRES_URL=... ROOTCAUSE_TEST_POSTGRES_LOG=...` on stdout
# (everything else on stderr).
# Idempotent: installs Debian's postgresql only when missing, reuses a running server,
# creates the role and database only when missing. Needs no stdin (CI=true, root).
# The server logs errors without contact data, as the README asks of a production server:
# no DETAIL ("Failing row contains (…)") and no failing statement (see LOG_SETTINGS); they are
# set with ALTER SYSTEM and a reload, so a server already running gets them too.
set -euo pipefail

PGPORT="${ROOTCAUSE_PG_PORT:-55432}"
PGDATA_DIR="${ROOTCAUSE_PG_DATA:-/var/tmp/rootcause-pg/data}"
PGUSER_NAME="${ROOTCAUSE_PG_USER:-rootcause}"
PGPASS="${ROOTCAUSE_PG_PASSWORD:-rootcause}"
PGDB="$(printf %s "${ROOTCAUSE_PG_DB:-rootcause_test}" | tr "[:upper:]" "[:lower:]")"  # an unquoted name is folded to lower case by PostgreSQL: the URL must say the same

log() { echo "postgres.sh: $*" >&2; }

find_bindir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

if ! BINDIR="$(find_bindir)"; then
  log "PostgreSQL not found: installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; else SUDO=""; fi
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq postgresql >&2
  BINDIR="$(find_bindir)"
fi

# initdb and postgres refuse to run as root: run them as the postgres user then.
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
  AS=(runuser -u postgres --)
  OWNER=postgres
else
  AS=()
  OWNER="$(id -un)"
fi

mkdir -p "$PGDATA_DIR"
chown "$OWNER" "$PGDATA_DIR" "$(dirname "$PGDATA_DIR")" 2>/dev/null || true
chmod 700 "$PGDATA_DIR"

if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
  log "initdb in $PGDATA_DIR"
  "${AS[@]}" "$BINDIR/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C >&2
fi

if ! "${AS[@]}" "$BINDIR/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
  log "starting server on 127.0.0.1:$PGPORT"
  "${AS[@]}" "$BINDIR/pg_ctl" -D "$PGDATA_DIR" -w -t 60 -l "$PGDATA_DIR/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA_DIR -c fsync=on -c max_connections=200" start >&2
fi

PSQL=("${AS[@]}" "$BINDIR/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qtA)

# terse: no DETAIL/HINT/CONTEXT lines (a constraint's DETAIL quotes the whole row);
# panic: the failing statement is not logged; parameters are never logged.
LOG_SETTINGS=(
  "log_error_verbosity = 'terse'"
  "log_min_error_statement = 'panic'"
  "log_parameter_max_length = 0"
  "log_parameter_max_length_on_error = 0"
)
ALTERS=()
for setting in "${LOG_SETTINGS[@]}"; do ALTERS+=(-c "ALTER SYSTEM SET $setting"); done
"${PSQL[@]}" -d postgres "${ALTERS[@]}" -c "SELECT pg_reload_conf()" >/dev/null
if [ "$("${PSQL[@]}" -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname='$PGUSER_NAME'")" != "1" ]; then
  "${PSQL[@]}" -d postgres -c "CREATE ROLE $PGUSER_NAME LOGIN PASSWORD '$PGPASS'" >&2
fi
if [ "$("${PSQL[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname='$PGDB'")" != "1" ]; then
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE $PGDB OWNER $PGUSER_NAME" >&2
fi

ROOTCAUSE_TEST_POSTGRES_URL="postgresql+psycopg://$PGUSER_NAME:$PGPASS@127.0.0.1:$PGPORT/$PGDB"
ROOTCAUSE_TEST_POSTGRES_LOG="$PGDATA_DIR/server.log"  # read by tests that check what the server logs
export ROOTCAUSE_TEST_POSTGRES_URL ROOTCAUSE_TEST_POSTGRES_LOG
log "ready: $ROOTCAUSE_TEST_POSTGRES_URL (log: $ROOTCAUSE_TEST_POSTGRES_LOG)"
echo "export ROOTCAUSE_TEST_POSTGRES_URL=$ROOTCAUSE_TEST_POSTGRES_URL ROOTCAUSE_TEST_POSTGRES_LOG=$ROOTCAUSE_TEST_POSTGRES_LOG"
