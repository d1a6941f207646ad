#!/usr/bin/env bash
# Runs lce's own PostgreSQL cluster on loopback, under the project-local state directory,
# without systemd: `start` installs PostgreSQL if missing, creates the cluster, the `lce`
# database, its owner role (runs migrations) and the least-privilege service role, then waits
# until the server accepts connections. Passwords are generated on first start and kept
# (mode 600) in the state directory; `env` prints the URLs the services and tests read.
#
# Usage: Deploy/local/postgres.sh start|stop|status|env
#   eval "$(Deploy/local/postgres.sh env)"   # sets DATABASE_URL and LCE_DATABASE_ADMIN_URL
# Settings (environment): LCE_STATE_DIR (default <repo>/.lce/state), LCE_PG_PORT (5433),
#   LCE_PG_VERSION (newest installed), LCE_PG_READY_TIMEOUT (seconds, 30), LCE_PG_DATABASE
#   (lce; Deploy/local/test.sh uses lce_test, so test rows never mix with the demo's).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
state_dir=${LCE_STATE_DIR:-$root/.lce/state}
pg_dir=$state_dir/postgres
data_dir=$pg_dir/data
socket_dir=$pg_dir/run
log_file=$pg_dir/postgres.log
port=${LCE_PG_PORT:-5433}
ready_timeout=${LCE_PG_READY_TIMEOUT:-30}
database=${LCE_PG_DATABASE:-lce}
owner_role=lce_owner
service_role=lce_service
owner_password_file=$pg_dir/owner.password
service_password_file=$pg_dir/service.password

say() { echo "postgres: $*" >&2; }
die() { say "$*"; exit 1; }

[[ $database =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "LCE_PG_DATABASE='$database': use lower-case letters, digits and _"

# The cluster runs as the `postgres` OS user when we are root (PostgreSQL refuses to run as
# root); an unprivileged caller runs it as itself.
if [ "$(id -u)" -eq 0 ]; then
  pg_user=postgres
else
  pg_user=$(id -un)
fi

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$pg_user" -- "$@"; else "$@"; fi
}

find_bin_dir() {
  local version=${LCE_PG_VERSION:-}
  if [ -z "$version" ]; then
    version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1 || true)
  fi
  [ -n "$version" ] && [ -x "/usr/lib/postgresql/$version/bin/pg_ctl" ] || return 1
  echo "/usr/lib/postgresql/$version/bin"
}

install_if_missing() {
  if find_bin_dir >/dev/null; then return; fi
  [ "$(id -u)" -eq 0 ] || die "PostgreSQL is not installed; run as root or: sudo apt-get install postgresql"
  say "installing postgresql with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  # The package must not start the system cluster: this script runs its own.
  local policy=/usr/sbin/policy-rc.d created=0
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; created=1; fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql postgresql-client >/dev/null
  [ $created -eq 0 ] || rm -f "$policy"
  find_bin_dir >/dev/null || die "apt-get finished but no /usr/lib/postgresql/<version>/bin/pg_ctl was found"
}

# postgres must reach the socket and data directories through every parent directory.
make_traversable() {
  local dir=$1
  while [ "$dir" != "/" ]; do
    if [ "$(id -u)" -eq 0 ] && ! runuser -u "$pg_user" -- test -x "$dir"; then
      say "making $dir traversable (o+x) so the postgres user can reach the state directory"
      chmod o+x "$dir"
    fi
    dir=$(dirname "$dir")
  done
}

new_password() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

ensure_password_file() {
  local file=$1
  if [ ! -s "$file" ]; then
    (umask 077; new_password > "$file")
  fi
  chmod 600 "$file"
}

prepare_dirs() {
  mkdir -p "$pg_dir"
  chmod 755 "$pg_dir"
  make_traversable "$pg_dir"
  mkdir -p "$data_dir" "$socket_dir"
  if [ "$(id -u)" -eq 0 ]; then chown "$pg_user": "$data_dir" "$socket_dir"; fi
  chmod 700 "$data_dir"
  chmod 755 "$socket_dir"
  touch "$log_file"
  if [ "$(id -u)" -eq 0 ]; then chown "$pg_user": "$log_file"; fi
}

init_cluster() {
  local bin=$1
  if [ -f "$data_dir/PG_VERSION" ]; then
    local have want
    have=$(cat "$data_dir/PG_VERSION")
    want=$(basename "$(dirname "$bin")")
    [ "$have" = "$want" ] || die "the cluster in $data_dir is PostgreSQL $have but the server found is $want; set LCE_PG_VERSION=$have or remove $pg_dir"
    return
  fi
  say "creating cluster in $data_dir"
  as_pg "$bin/initdb" -D "$data_dir" -U "$pg_user" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >>"$log_file" 2>&1 \
    || { tail -20 "$log_file" >&2; die "initdb failed (log: $log_file)"; }
  as_pg sh -c "echo \"include_if_exists = 'lce.conf'\" >> '$data_dir/postgresql.conf'"
}

# Rewritten at every start so a changed LCE_PG_PORT or state path takes effect.
write_config() {
  as_pg tee "$data_dir/lce.conf" >/dev/null <<EOF
# Written by Deploy/local/postgres.sh at every start; edit the script, not this file.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$socket_dir'
password_encryption = 'scram-sha-256'
logging_collector = off
log_min_messages = warning
EOF
}

is_running() {
  local bin=$1
  [ -f "$data_dir/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$data_dir" status >/dev/null 2>&1
}

wait_ready() {
  local bin=$1 waited=0
  until "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres; do
    if [ "$waited" -ge $((ready_timeout * 10)) ]; then
      say "not ready after ${ready_timeout}s on 127.0.0.1:$port; last lines of $log_file:"
      tail -20 "$log_file" >&2
      exit 1
    fi
    # pg_ctl -W returns before postmaster.pid exists, so give the server a moment first.
    if [ "$waited" -ge 30 ] && ! is_running "$bin"; then
      say "the server exited while starting; last lines of $log_file:"
      tail -20 "$log_file" >&2
      exit 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

psql_super() {
  local bin=$1 db=$2
  shift 2
  as_pg "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$socket_dir" -p "$port" -d "$db" "$@"
}

# Roles, database and grants; every statement is safe to repeat.
provision() {
  local bin=$1 owner_pw service_pw
  ensure_password_file "$owner_password_file"
  ensure_password_file "$service_password_file"
  owner_pw=$(cat "$owner_password_file")
  service_pw=$(cat "$service_password_file")
  # Passwords travel on stdin, never on a command line that `ps` shows.
  psql_super "$bin" postgres <<EOF
SELECT format('CREATE ROLE %I LOGIN', '$owner_role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$owner_role') \gexec
SELECT format('CREATE ROLE %I LOGIN', '$service_role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$service_role') \gexec
ALTER ROLE $owner_role LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$owner_pw';
ALTER ROLE $service_role LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD '$service_pw';
SELECT format('CREATE DATABASE %I OWNER %I', '$database', '$owner_role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$database') \gexec
REVOKE ALL ON DATABASE $database FROM PUBLIC;
REVOKE ALL ON DATABASE $database FROM $service_role;
GRANT CONNECT ON DATABASE $database TO $service_role;
GRANT ALL ON DATABASE $database TO $owner_role;
EOF
  psql_super "$bin" "$database" <<EOF
ALTER SCHEMA public OWNER TO $owner_role;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO $service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE $owner_role IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE ON TABLES TO $service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE $owner_role IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO $service_role;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO $service_role;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO $service_role;
EOF
}

cmd_start() {
  install_if_missing
  local bin
  bin=$(find_bin_dir)
  prepare_dirs
  init_cluster "$bin"
  write_config
  if is_running "$bin"; then
    say "already running on 127.0.0.1:$port (data: $data_dir)"
  else
    say "starting on 127.0.0.1:$port (data: $data_dir, log: $log_file)"
    as_pg "$bin/pg_ctl" -D "$data_dir" -l "$log_file" -W start >/dev/null \
      || { tail -20 "$log_file" >&2; die "pg_ctl start failed"; }
  fi
  wait_ready "$bin"
  provision "$bin"
  say "ready: database $database on 127.0.0.1:$port"
}

cmd_stop() {
  local bin
  bin=$(find_bin_dir) || { say "not installed"; return 0; }
  if is_running "$bin"; then
    as_pg "$bin/pg_ctl" -D "$data_dir" -m fast -w -t "$ready_timeout" stop >/dev/null \
      || { tail -20 "$log_file" >&2; die "pg_ctl stop did not finish within ${ready_timeout}s"; }
    say "stopped"
  else
    say "not running"
  fi
}

cmd_status() {
  local bin
  bin=$(find_bin_dir) || { say "not installed"; exit 3; }
  if is_running "$bin" && "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres; then
    say "running on 127.0.0.1:$port (data: $data_dir)"
  elif is_running "$bin"; then
    say "process running but not accepting connections on 127.0.0.1:$port"
    exit 1
  else
    say "not running"
    exit 3
  fi
}

cmd_env() {
  [ -s "$service_password_file" ] && [ -s "$owner_password_file" ] \
    || die "no credentials yet in $pg_dir; run: $0 start"
  echo "DATABASE_URL=postgresql://$service_role:$(cat "$service_password_file")@127.0.0.1:$port/$database"
  echo "LCE_DATABASE_ADMIN_URL=postgresql://$owner_role:$(cat "$owner_password_file")@127.0.0.1:$port/$database"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
