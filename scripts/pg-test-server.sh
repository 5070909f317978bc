#!/bin/sh
# pg-test-server.sh — a throwaway PostgreSQL server for tests and benchmarks.
#
#   sh scripts/pg-test-server.sh start DIR   create a cluster in DIR (new or empty), start it on
#                                            127.0.0.1 on a free port, create database "dyad",
#                                            print its URL: postgresql://dyad@127.0.0.1:PORT/dyad
#   sh scripts/pg-test-server.sh stop DIR    stop that server and remove DIR
#
# Uses the Debian `postgresql` binaries (initdb, pg_ctl; $PG_BINDIR overrides where they are).
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user (DIR is
# handed to it). Trust authentication, loopback only: for tests, never for real data.
# Exit status: 0 ok, 1 failed (the server log is printed), 3 PostgreSQL is not installed.
set -eu
cmd=${1:-}
dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
    echo "usage: $0 start|stop DIR" >&2
    exit 2
fi

find_bindir() {
    if [ -n "${PG_BINDIR:-}" ]; then
        echo "$PG_BINDIR"
        return
    fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then
            echo "$d"
            return
        fi
    done
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
    fi
}

bindir=$(find_bindir)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/postgres" ]; then
    echo "pg-test-server: PostgreSQL server binaries not found (install the Debian package 'postgresql')" >&2
    exit 3
fi

# Run a command as the cluster's owner.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        if ! id postgres >/dev/null 2>&1; then
            echo "pg-test-server: running as root and there is no 'postgres' user to run the server" >&2
            exit 3
        fi
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            su postgres -s /bin/sh -c '"$0" "$@"' "$@"
        fi
    else
        "$@"
    fi
}

case "$cmd" in
start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ -n "$(ls -A "$dir")" ]; then
        echo "pg-test-server: $dir is not empty" >&2
        exit 1
    fi
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$dir"
        if ! as_owner test -w "$dir"; then
            echo "pg-test-server: the postgres user cannot reach $dir (is a parent directory private to root? chmod 755 it)" >&2
            exit 1
        fi
    fi
    if ! as_owner "$bindir/initdb" --no-sync -D "$dir/data" -U dyad --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1; then
        # older clusters may lack the C.UTF-8 locale
        rm -rf "$dir/data"
        if ! as_owner "$bindir/initdb" --no-sync -D "$dir/data" -U dyad --auth=trust -E UTF8 --locale=C \
            >"$dir/initdb.log" 2>&1; then
            cat "$dir/initdb.log" >&2
            exit 1
        fi
    fi
    tries=0
    while :; do
        port=$(awk -v s="$$$tries" 'BEGIN { srand(s + 0); print 20000 + int(rand() * 40000) }')
        if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
            -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c max_connections=50" \
            >/dev/null 2>&1; then
            break
        fi
        tries=$((tries + 1))
        if [ "$tries" -ge 5 ]; then
            echo "pg-test-server: cannot start the server:" >&2
            tail -n 20 "$dir/server.log" >&2 || true
            exit 1
        fi
    done
    echo "$port" >"$dir/port"
    if ! as_owner "$bindir/psql" -h 127.0.0.1 -p "$port" -U dyad -d postgres -q -c "CREATE DATABASE dyad" \
        >/dev/null 2>"$dir/createdb.log"; then
        cat "$dir/createdb.log" >&2
        exit 1
    fi
    echo "postgresql://dyad@127.0.0.1:$port/dyad"
    ;;
stop)
    [ -d "$dir" ] || exit 0
    if [ -d "$dir/data" ]; then
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
