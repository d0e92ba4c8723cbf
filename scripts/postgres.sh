#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suites.
#
#   scripts/postgres.sh start   # install PostgreSQL if needed, start a fresh cluster, print its connection string
#   scripts/postgres.sh url     # print the connection string of the running cluster
#   scripts/postgres.sh env     # print `export CONNECTIONS_TEST_POSTGRES=...` (for: eval "$(scripts/postgres.sh env)")
#   scripts/postgres.sh stop    # stop the cluster and delete its folder
#
# The cluster lives in a mktemp folder under /tmp owned by this script, listens on 127.0.0.1 only, on a free port,
# with trust authentication, and is tuned for tests (no fsync): never put data you care about in it.
# Its folder and port are remembered in artifacts/postgres.state so `stop` and `url` find it again.
# start and stop are idempotent; on success the only output is the connection string (start, url).
# initdb and postgres refuse to run as root, so as root they run as the `postgres` user (created by the Debian package).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state_file="$repo_root/artifacts/postgres.state"
# Always /tmp, not $TMPDIR: the postgres user must be able to reach the folder.
tmp_prefix="/tmp/connections-pg."

die() { echo "postgres.sh: $*" >&2; exit 1; }

# --- finding (or installing) the binaries -----------------------------------------------------------------------

find_bindir() {
    local dir
    # Debian keeps the server binaries out of PATH, one folder per major version: prefer the newest.
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$dir" && -x "$dir/pg_ctl" && -x "$dir/initdb" ]]; then
        echo "$dir"
        return 0
    fi
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
        return 0
    fi
    return 1
}

install_postgres() {
    local sudo=()
    if [[ $EUID -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null \
            || die "PostgreSQL is not installed and installing it needs root (apt-get install -y postgresql)."
        sudo=(sudo -n)
    fi
    echo "postgres.sh: PostgreSQL not found, installing it from apt..." >&2
    local log
    log="$(mktemp)"
    if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q \
            && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql; } \
            >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        die "apt-get install postgresql failed."
    fi
    rm -f "$log"
}

# --- running as the right user ----------------------------------------------------------------------------------

as_db_user() {
    if [[ $EUID -eq 0 ]]; then
        # Run from a folder the postgres user can enter, whatever the caller's working directory is.
        (cd "$data_root" && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# --- state ------------------------------------------------------------------------------------------------------

data_root=""
port=""

load_state() {
    [[ -f "$state_file" ]] || return 1
    data_root="$(sed -n 's/^data_root=//p' "$state_file")"
    port="$(sed -n 's/^port=//p' "$state_file")"
    # Refuse a state file that points anywhere but a folder this script made: `stop` deletes it.
    [[ "$data_root" == "$tmp_prefix"* && "$port" =~ ^[0-9]+$ ]] || die "unexpected contents in $state_file"
}

connection_string() {
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true"
}

is_running() {
    [[ -n "$data_root" && -d "$data_root/data" ]] || return 1
    local bindir
    bindir="$(find_bindir)" || return 1
    as_db_user "$bindir/pg_ctl" -D "$data_root/data" status >/dev/null 2>&1
}

# A port nothing on 127.0.0.1 answers on. There is a race with other processes, so `start` retries on failure.
pick_port() {
    local candidate
    for _ in $(seq 1 50); do
        candidate=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    die "no free TCP port found"
}

remove_data_root() {
    if [[ -n "$data_root" && "$data_root" == "$tmp_prefix"* && -d "$data_root" ]]; then
        rm -rf -- "$data_root"
    fi
}

# --- commands ---------------------------------------------------------------------------------------------------

cmd_start() {
    if load_state; then
        if is_running; then
            connection_string
            return 0
        fi
        remove_data_root           # stale state (e.g. the machine rebooted): start afresh
        rm -f "$state_file"
    fi

    local bindir
    bindir="$(find_bindir)" || { install_postgres; bindir="$(find_bindir)" || die "pg_ctl/initdb still missing after install."; }
    if [[ $EUID -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || die "running as root, but there is no 'postgres' user to run the server as."
    fi

    data_root="$(mktemp -d "${tmp_prefix}XXXXXX")"
    chmod 700 "$data_root"
    [[ $EUID -eq 0 ]] && chown postgres: "$data_root"

    if ! as_db_user "$bindir/initdb" -D "$data_root/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
            >"$data_root/initdb.log" 2>&1; then
        cat "$data_root/initdb.log" >&2
        remove_data_root
        die "initdb failed."
    fi

    # Only TCP on 127.0.0.1 and our own socket folder; trust, since nothing else can reach it. Durability is off:
    # the cluster is thrown away after the run, and fsync would dominate the tests' run time.
    as_db_user tee "$data_root/data/pg_hba.conf" >/dev/null <<'EOF'
local   all   all                 trust
host    all   all   127.0.0.1/32  trust
EOF
    as_db_user tee -a "$data_root/data/postgresql.conf" >/dev/null <<EOF

# --- scripts/postgres.sh: throwaway test cluster ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$data_root'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

    local attempt
    for attempt in 1 2 3 4 5; do
        port="$(pick_port)"
        if as_db_user "$bindir/pg_ctl" -D "$data_root/data" -l "$data_root/postgres.log" -w -t 60 \
                -o "-p $port" start >"$data_root/pg_ctl.log" 2>&1; then
            mkdir -p "$(dirname "$state_file")"
            printf 'data_root=%s\nport=%s\n' "$data_root" "$port" >"$state_file"
            connection_string
            return 0
        fi
        # Most likely someone took the port between the probe and the bind: try another one.
        as_db_user "$bindir/pg_ctl" -D "$data_root/data" -m immediate stop >/dev/null 2>&1 || true
    done
    cat "$data_root/pg_ctl.log" "$data_root/postgres.log" >&2 2>/dev/null || true
    remove_data_root
    die "PostgreSQL did not start (5 attempts)."
}

cmd_stop() {
    load_state || return 0
    if is_running; then
        local bindir
        bindir="$(find_bindir)"
        as_db_user "$bindir/pg_ctl" -D "$data_root/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
            || as_db_user "$bindir/pg_ctl" -D "$data_root/data" -m immediate -w stop >/dev/null 2>&1 \
            || true
    fi
    remove_data_root
    rm -f "$state_file"
}

cmd_url() {
    load_state && is_running || die "not running (use: $0 start)"
    connection_string
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    url) cmd_url ;;
    env) cmd_url >/dev/null && echo "export CONNECTIONS_TEST_POSTGRES='$(connection_string)'" ;;
    *) echo "usage: $0 start|stop|url|env" >&2; exit 2 ;;
esac
