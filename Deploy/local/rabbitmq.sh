#!/usr/bin/env bash
# Starts, stops and reports a project-local RabbitMQ node on loopback, without systemd.
#
#   Deploy/local/rabbitmq.sh start    install if missing, start (idempotent), create user lce
#   Deploy/local/rabbitmq.sh stop     stop the node and the epmd it started
#   Deploy/local/rabbitmq.sh status   say whether it runs, where, and as what
#   Deploy/local/rabbitmq.sh env      print AMQP_URL=amqp://lce:<password>@127.0.0.1:<port>/<vhost>
#   Deploy/local/rabbitmq.sh ctl ARGS run rabbitmqctl against this node, e.g. `ctl list_queues name type messages`
#
# status exits 0 when running, 1 while starting, 3 when stopped.
# Everything lives under ${LCE_STATE_DIR:-<repo>/.lce/state}/rabbitmq. Ports (all on 127.0.0.1,
# chosen to stay clear of a system install on 5672/4369/25672):
#   LCE_AMQP_PORT (5673)  AMQP          LCE_RABBITMQ_DIST_PORT (25673)  Erlang distribution
#   LCE_EPMD_PORT (4370)  epmd          LCE_RABBITMQ_CTL_PORT (35700)   first CLI distribution port
# LCE_RABBITMQ_START_TIMEOUT (90) bounds the wait for the node to accept AMQP connections.
# LCE_AMQP_VHOST (/) is the virtual host lce's user gets and AMQP_URL names; Deploy/local/test.sh
# uses lce_test, so the tests' queues and dead letters never mix with the demo's.
set -euo pipefail

repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
state_root="${LCE_STATE_DIR:-$repo_dir/.lce/state}"
state="$state_root/rabbitmq"
amqp_port="${LCE_AMQP_PORT:-5673}"
dist_port="${LCE_RABBITMQ_DIST_PORT:-25673}"
epmd_port="${LCE_EPMD_PORT:-4370}"
ctl_port="${LCE_RABBITMQ_CTL_PORT:-35700}"
start_timeout="${LCE_RABBITMQ_START_TIMEOUT:-90}"
node="${LCE_RABBITMQ_NODENAME:-lce@localhost}"
rabbitmq_bin=/usr/lib/rabbitmq/bin
user=lce
vhost="${LCE_AMQP_VHOST:-/}"

log() { printf 'rabbitmq.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[ "$vhost" = / ] || [[ $vhost =~ ^[A-Za-z0-9_-]{1,64}$ ]] || die "LCE_AMQP_VHOST='$vhost': use / or letters, digits, _ and -"

# The node and its CLI tools read everything from this environment, never from /etc/rabbitmq,
# so a system install's configuration, plugins and cookie are never touched or used.
export_node_env() {
    export HOME="$state/home"
    export RABBITMQ_NODENAME="$node"
    export RABBITMQ_BASE="$state"
    export RABBITMQ_MNESIA_BASE="$state/mnesia"
    export RABBITMQ_LOG_BASE="$state/log"
    export RABBITMQ_PID_FILE="$state/rabbitmq.pid"
    export RABBITMQ_CONFIG_FILE="$state/rabbitmq.conf"
    export RABBITMQ_ADVANCED_CONFIG_FILE="$state/advanced.config"
    export RABBITMQ_CONF_ENV_FILE="$state/rabbitmq-env.conf"
    export RABBITMQ_ENABLED_PLUGINS_FILE="$state/enabled_plugins"
    export RABBITMQ_DIST_PORT="$dist_port"
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    export RABBITMQ_CTL_DIST_PORT_MIN="$ctl_port"
    export RABBITMQ_CTL_DIST_PORT_MAX="$((ctl_port + 10))"
    export ERL_EPMD_PORT="$epmd_port"
    export ERL_EPMD_ADDRESS="127.0.0.1"
}

ctl() { "$rabbitmq_bin/rabbitmqctl" -n "$node" "$@"; }

install_if_missing() {
    [ -x "$rabbitmq_bin/rabbitmq-server" ] && return 0
    command -v apt-get >/dev/null || die "rabbitmq-server is not installed and apt-get is absent; install RabbitMQ 3.9+ by hand"
    [ "$(id -u)" = 0 ] || die "rabbitmq-server is not installed; run this script as root so it can apt-get install it"
    log "installing rabbitmq-server with apt-get"
    # Debian's postinst would start a system broker on the default ports; a temporary
    # policy-rc.d forbids that, and only if the machine has no policy of its own.
    local own_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        own_policy=1
    fi
    local ok=0
    export DEBIAN_FRONTEND=noninteractive
    if apt-get install -y -q --no-install-recommends rabbitmq-server >/dev/null 2>&1; then
        ok=1
    else
        # Only a stale or empty package list needs an update; doing it first every time is slow.
        apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends rabbitmq-server >/dev/null && ok=1
    fi
    [ "$own_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
    [ "$ok" = 1 ] || die "apt-get install rabbitmq-server failed"
    [ -x "$rabbitmq_bin/rabbitmq-server" ] || die "rabbitmq-server installed but $rabbitmq_bin/rabbitmq-server is missing"
}

random_secret() { tr -dc 'A-Za-z0-9' < /dev/urandom | head -c "$1" || true; }

prepare_state() {
    mkdir -p "$state/home" "$state/mnesia" "$state/log"
    chmod 700 "$state" "$state/home"
    if [ ! -s "$state/home/.erlang.cookie" ]; then
        (umask 077; random_secret 32 > "$state/home/.erlang.cookie")
    fi
    chmod 400 "$state/home/.erlang.cookie"
    if [ ! -s "$state/password" ]; then
        (umask 077; random_secret 24 > "$state/password")
    fi
    chmod 600 "$state/password"
    cat > "$state/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$amqp_port
loopback_users = none
log.file.level = info
log.console = false
EOF
    echo '[].' > "$state/advanced.config"
    echo '[].' > "$state/enabled_plugins"
    : > "$state/rabbitmq-env.conf"
}

node_pid() {
    local pid=""
    [ -s "$state/server.pid" ] && pid="$(cat "$state/server.pid")"
    # PIDs are reused: only a live process that is still ours (this script before its exec, then rabbitmq-server) counts.
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    local stat cmdline
    stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
    # A zombie (our start-up child that exited, not yet reaped) is not a node.
    [ "$(echo "${stat##*) }" | cut -d' ' -f1)" != Z ] || return 1
    cmdline="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)"
    # An empty command line is a process in the middle of exec (setsid -> nohup -> rabbitmq-server): still ours.
    if [ -z "$cmdline" ] || [[ "$cmdline" == *rabbitmq* ]]; then
        echo "$pid"
        return 0
    fi
    return 1
}

amqp_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$amqp_port") 2>/dev/null; }

show_log_tail() {
    log "last lines of the node's logs ($state/log):"
    for f in "$state/log/startup.log" "$state/log/$node.log"; do
        [ -f "$f" ] && { echo "--- $f" >&2; tail -n 30 "$f" >&2; }
    done
    return 0
}

ensure_user() {
    local password
    password="$(cat "$state/password")"
    if ctl list_users -q 2>/dev/null | awk '{print $1}' | grep -qx "$user"; then
        ctl change_password "$user" "$password" >/dev/null
    else
        ctl add_user "$user" "$password" >/dev/null
    fi
    ctl set_user_tags "$user" administrator >/dev/null
    ctl set_permissions -p / "$user" '.*' '.*' '.*' >/dev/null
    if [ "$vhost" != / ]; then
        ctl list_vhosts -q 2>/dev/null | grep -qx "$vhost" || ctl add_vhost "$vhost" >/dev/null
        ctl set_permissions -p "$vhost" "$user" '.*' '.*' '.*' >/dev/null
    fi
    # guest is loopback-only anyway; without it the stored password is the only way in.
    if ctl list_users -q 2>/dev/null | awk '{print $1}' | grep -qx guest; then
        ctl delete_user guest >/dev/null || true
    fi
}

wait_for_amqp() {
    local deadline=$((SECONDS + start_timeout))
    while :; do
        if ! node_pid >/dev/null; then
            show_log_tail
            die "the RabbitMQ node exited during start-up"
        fi
        if amqp_port_open && ctl await_startup --timeout 5 >/dev/null 2>&1; then
            return 0
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            show_log_tail
            die "RabbitMQ did not accept AMQP connections on 127.0.0.1:$amqp_port within ${start_timeout}s"
        fi
        sleep 1
    done
}

cmd_start() {
    install_if_missing
    export_node_env
    prepare_state
    if node_pid >/dev/null; then
        wait_for_amqp
        ensure_user
        log "already running (node $node, AMQP 127.0.0.1:$amqp_port)"
        return 0
    fi
    if amqp_port_open; then
        die "127.0.0.1:$amqp_port is taken by a process this script did not start; set LCE_AMQP_PORT"
    fi
    log "starting node $node (AMQP 127.0.0.1:$amqp_port, distribution $dist_port, epmd $epmd_port)"
    rm -f "$RABBITMQ_PID_FILE"
    # The node must not inherit descriptors beyond stdio: a caller that waits for this script's pipes or
    # for a child-exit socket (Foundation's Process does) would otherwise wait as long as the broker lives.
    (
        for fd in /proc/$BASHPID/fd/*; do
            fd="${fd##*/}"
            if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec $fd>&-" 2>/dev/null || true; fi
        done
        exec setsid nohup "$rabbitmq_bin/rabbitmq-server" > "$state/log/startup.log" 2>&1 < /dev/null
    ) &
    echo $! > "$state/server.pid"
    wait_for_amqp
    ensure_user
    log "ready: $(cmd_env)"
}

cmd_stop() {
    export_node_env
    [ -d "$state" ] || { log "not running (no state directory)"; return 0; }
    local pid
    if pid="$(node_pid)"; then
        log "stopping node $node"
        ctl stop >/dev/null 2>&1 || true
        local deadline=$((SECONDS + 30))
        while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.5; done
        if kill -0 "$pid" 2>/dev/null; then
            log "node did not stop within 30s; sending SIGTERM to its process group"
            kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
            sleep 2
        fi
    else
        log "node not running"
    fi
    rm -f "$state/server.pid"
    # epmd on this port was started for this node (it never serves a system install).
    local epmd_bin
    epmd_bin="$(command -v epmd || echo /usr/lib/erlang/bin/epmd)"
    if [ -x "$epmd_bin" ] && "$epmd_bin" -port "$epmd_port" -names >/dev/null 2>&1; then
        "$epmd_bin" -port "$epmd_port" -kill >/dev/null 2>&1 || true
    fi
    log "stopped"
}

cmd_status() {
    export_node_env
    if node_pid >/dev/null && amqp_port_open; then
        echo "running: node $node, pid $(node_pid), AMQP 127.0.0.1:$amqp_port, state $state"
        return 0
    fi
    if node_pid >/dev/null; then
        echo "starting: node $node, pid $(node_pid), AMQP port $amqp_port not open yet"
        return 1
    fi
    echo "stopped (state $state)"
    return 3
}

cmd_env() {
    [ -s "$state/password" ] || die "no password yet: run '$0 start' first"
    local path=""
    [ "$vhost" = / ] || path="$vhost"
    echo "AMQP_URL=amqp://$user:$(cat "$state/password")@127.0.0.1:$amqp_port/$path"
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cmd_env ;;
    ctl) shift; export_node_env; ctl "$@" ;;
    *) echo "usage: $0 start|stop|status|env|ctl <rabbitmqctl arguments>" >&2; exit 2 ;;
esac
