#!/usr/bin/env bash
# Start (or stop) a throw-away local PostgreSQL server for `dbt build --target postgres`.
#
# Usage:
#   scripts/engines/start_postgres.sh start BUILD_DIR   # prints `export PG...` lines for the profile
#   scripts/engines/start_postgres.sh stop  BUILD_DIR   # stops the server by the PID it wrote
#
# The cluster lives in BUILD_DIR/postgres (data, socket, log, pid), listens on
# 127.0.0.1 on a free port (MTA_PG_PORT to choose one), and gets a database
# `mta` owned by user `mta` (password `mta`). Installs Debian's `postgresql`
# package when no server binaries are found (as root, or with sudo).
# PostgreSQL refuses to run as root: when run as root, the server runs as the
# `postgres` system user, which owns BUILD_DIR/postgres (or, when that user
# cannot reach BUILD_DIR, e.g. under pytest's private tmp dirs, a fresh
# /tmp/mta_pg.* folder whose path is kept in BUILD_DIR/postgres/cluster_dir).
set -euo pipefail

action=${1:?usage: start_postgres.sh start|stop BUILD_DIR}
build_dir=$(mkdir -p "${2:?usage: start_postgres.sh start|stop BUILD_DIR}" && cd "$2" && pwd)
pg_dir="$build_dir/postgres"
pid_file="$pg_dir/server.pid"

find_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    if [[ -z "$dir" ]] && command -v pg_ctl >/dev/null; then dir=$(dirname "$(command -v pg_ctl)"); fi
    echo "$dir"
}

as_owner() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
stop)
    if [[ -f "$pid_file" ]]; then
        pid=$(cat "$pid_file")
        if kill -0 "$pid" 2>/dev/null; then
            kill -INT "$pid"   # fast shutdown
            for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        fi
        rm -f "$pid_file"
        echo "postgres stopped (pid $pid)" >&2
    fi
    if [[ -f "$pg_dir/cluster_dir" ]]; then
        rm -rf "$(cat "$pg_dir/cluster_dir")" "$pg_dir/cluster_dir"
    fi
    exit 0
    ;;
start) ;;
*) echo "unknown action $action" >&2; exit 2 ;;
esac

bin=$(find_bin)
if [[ -z "$bin" ]]; then
    echo "installing postgresql (apt-get)" >&2
    export DEBIAN_FRONTEND=noninteractive
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    $sudo apt-get update -qq >&2 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    bin=$(find_bin)
fi

port=${MTA_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}

mkdir -p "$pg_dir"
cluster_dir="$pg_dir"
if [[ -f "$pg_dir/cluster_dir" ]]; then
    cluster_dir=$(cat "$pg_dir/cluster_dir")
elif [[ $(id -u) -eq 0 ]]; then
    chown postgres "$pg_dir"
    if ! runuser -u postgres -- test -w "$pg_dir"; then
        cluster_dir=$(mktemp -d /tmp/mta_pg.XXXXXX)
        chown postgres "$cluster_dir"
        echo "$cluster_dir" >"$pg_dir/cluster_dir"
    fi
fi
data_dir="$cluster_dir/data"
if [[ ! -f "$data_dir/PG_VERSION" ]]; then
    as_owner "$bin/initdb" -D "$data_dir" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$cluster_dir/initdb.log"
fi
as_owner "$bin/pg_ctl" -D "$data_dir" -l "$cluster_dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$cluster_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c timezone=UTC" \
    start >&2
head -1 "$data_dir/postmaster.pid" >"$pid_file"

psql_admin() { "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [[ -z $(psql_admin -c "select 1 from pg_roles where rolname = 'mta'") ]]; then
    psql_admin -c "create role mta login superuser password 'mta'"
fi
if [[ -z $(psql_admin -c "select 1 from pg_database where datname = 'mta'") ]]; then
    psql_admin -c "create database mta owner mta"
fi

echo "postgres started on 127.0.0.1:$port (pid $(cat "$pid_file"))" >&2
echo "export MTA_PG_HOST=127.0.0.1 MTA_PG_PORT=$port MTA_PG_USER=mta MTA_PG_PASSWORD=mta MTA_PG_DBNAME=mta"
