#!/usr/bin/env bash
# scripts/pg.sh — throwaway, project-local PostgreSQL cluster for dev/test/CI. No systemd needed.
#   ./pg.sh start    create cluster if missing, start it if stopped, ensure app role + db (idempotent)
#   ./pg.sh stop     fast shutdown if running (idempotent)
#   ./pg.sh status   exit 0 if accepting connections, 3 if not
#   ./pg.sh destroy  stop and delete the cluster folder
#   ./pg.sh env      print export lines (eval "$(./pg.sh env)")
# Settings (env overrides): PGROOT (cluster folder), PGPORT, APP_DB, APP_USER, APP_PASSWORD.
# Works as root (runs initdb/pg_ctl as the 'postgres' OS user through runuser) and as a normal user.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PGROOT="${PGROOT:-$HERE/.pg}"
PGPORT="${PGPORT:-55432}"
APP_DB="${APP_DB:-koprogo}"
APP_USER="${APP_USER:-koprogo}"
APP_PASSWORD="${APP_PASSWORD:-koprogo}"

# newest installed server binaries (Debian puts them outside PATH)
PGBIN="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[[ -x "$PGBIN/pg_ctl" ]] || { echo "pg.sh: PostgreSQL server not installed (apt-get install -y postgresql)" >&2; exit 1; }

# initdb/pg_ctl/postgres refuse to run as root: run them as the 'postgres' account instead.
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  AS_PG=(runuser -u postgres --)
else
  AS_PG=()
fi

# The postgres account must be able to traverse every parent folder of PGROOT.
# If it cannot (e.g. a repo under a 0700 home), fall back to a folder under /tmp.
if [[ $(id -u) -eq 0 ]]; then
  mkdir -p "$PGROOT"
  chown postgres: "$PGROOT"
  if ! "${AS_PG[@]}" test -w "$PGROOT"; then
    echo "pg.sh: postgres user cannot reach $PGROOT, using /tmp/pg-$PGPORT instead" >&2
    PGROOT="/tmp/pg-$PGPORT"; mkdir -p "$PGROOT"; chown postgres: "$PGROOT"
  fi
fi
DATA="$PGROOT/data"
SOCK="$PGROOT/sock"
# unix socket paths are limited to ~107 bytes
if (( ${#SOCK} > 90 )); then SOCK="/tmp/pgsock-$PGPORT"; fi
LOG="$PGROOT/postgres.log"

pg()   { "${AS_PG[@]}" "$PGBIN/$1" "${@:2}"; }
own()  { if [[ $(id -u) -eq 0 ]]; then chown postgres: "$@"; fi; }
psql_su() { pg psql -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PGPORT" -U postgres -d postgres "$@"; }
# Is the postmaster of $DATA alive? Not `pg_ctl status`: it only does kill(pid, 0), which also succeeds for a
# zombie (a killed postmaster is re-parented to PID 1, and a container's PID 1 may never reap it) and for an
# unrelated process that reused the PID after a machine restart.
running() {
  local pid state
  [[ -f "$DATA/postmaster.pid" ]] || return 1
  pid=$(head -n 1 "$DATA/postmaster.pid")
  [[ "$pid" =~ ^[0-9]+$ && -r /proc/$pid/stat ]] || return 1
  state=$(sed 's/^.*) //' "/proc/$pid/stat" | cut -d' ' -f1)
  [[ "$state" != Z && "$(cat "/proc/$pid/comm" 2>/dev/null)" == postgres* ]]
}

do_init() {
  [[ -f "$DATA/PG_VERSION" ]] && return 0
  mkdir -p "$PGROOT"; own "$PGROOT"
  rm -rf "$DATA"
  # --no-sync: don't fsync the new cluster (throwaway); trust on the socket, password over TCP
  pg initdb -D "$DATA" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
     --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$PGROOT/initdb.log" 2>&1 \
     || { cat "$PGROOT/initdb.log" >&2; exit 1; }
  cat >>"$DATA/postgresql.conf" <<EOF
# --- pg.sh: throwaway test cluster ---
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$SOCK'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
shared_buffers = 128MB
EOF
}

do_start() {
  do_init
  mkdir -p "$SOCK"; own "$SOCK"
  if ! running; then
    if (exec 3<>"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null; then
      echo "pg.sh: port $PGPORT is already used by another process (set PGPORT)" >&2; exit 1
    fi
    # Lock files left by a killed server name its (possibly zombie, possibly reused) PID and make the new
    # postmaster refuse to start. Ours is dead and the port is free, so they are stale: drop them.
    rm -f "$DATA/postmaster.pid" "$SOCK/.s.PGSQL.$PGPORT.lock" "$SOCK/.s.PGSQL.$PGPORT"
    touch "$LOG"; own "$LOG"
    pg pg_ctl -D "$DATA" -l "$LOG" -w -t 60 -o "-p $PGPORT" start >/dev/null \
      || { tail -n 30 "$LOG" >&2; exit 1; }
  fi
  # role + database, idempotent
  psql_su <<SQL
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', '$APP_USER', '$APP_PASSWORD')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$APP_USER') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', '$APP_DB', '$APP_USER')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$APP_DB') \gexec
SQL
  echo "pg.sh: running on 127.0.0.1:$PGPORT (socket $SOCK), data $DATA"
  echo "pg.sh: ConnectionStrings__Default=$(conn)"
}

do_stop() {
  if running; then pg pg_ctl -D "$DATA" -m fast -w -t 60 stop >/dev/null; echo "pg.sh: stopped"; else echo "pg.sh: not running"; fi
}

do_status() {
  if running && pg pg_isready -q -h "$SOCK" -p "$PGPORT"; then
    echo "pg.sh: running on 127.0.0.1:$PGPORT, data $DATA"; return 0
  fi
  echo "pg.sh: not running"; return 3
}

conn() { echo "Host=127.0.0.1;Port=$PGPORT;Database=$APP_DB;Username=$APP_USER;Password=$APP_PASSWORD"; }

case "${1:-}" in
  start)   do_start ;;
  stop)    do_stop ;;
  status)  do_status ;;
  restart) do_stop; do_start ;;
  destroy) do_stop; rm -rf "$PGROOT"; [[ "$SOCK" == /tmp/pgsock-* ]] && rm -rf "$SOCK"; echo "pg.sh: destroyed $PGROOT" ;;
  env)     echo "export ConnectionStrings__Default='$(conn)'"; echo "export PGHOST=127.0.0.1 PGPORT=$PGPORT PGUSER=$APP_USER PGPASSWORD=$APP_PASSWORD PGDATABASE=$APP_DB" ;;
  *) echo "usage: $0 start|stop|status|restart|destroy|env" >&2; exit 2 ;;
esac
