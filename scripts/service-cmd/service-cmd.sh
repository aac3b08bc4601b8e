#!/bin/sh
# A tiny service manager for hosts without systemd and for tests that drive real processes.
#
#   service-cmd.sh DIR ACTION [SERVICE]
#
# DIR holds, per service, SERVICE.run (an executable running the service in the foreground,
# written by whoever sets the node up) and SERVICE.pid / SERVICE.log kept by this script.
# ACTION is one of node-reconfig's: is-active, restart, reload, daemon-reload (plus start, stop).
# node-reconfig's --service-cmd takes one program, so point it at a wrapper:
#   exec /path/to/service-cmd.sh /run/my-services "$@"
set -u
dir=$1 action=$2 service=${3:-}
pidfile=$dir/$service.pid

# A zombie (state Z: exited, not yet reaped by an init that reaps late) is not running.
running() {
    [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null || return 1
    state=$(sed 's/^.*) //' "/proc/$(cat "$pidfile")/stat" 2>/dev/null | cut -c1)
    [ "$state" != Z ]
}

stop() {
    running || return 0
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null
    for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.25
    done
    kill -9 "$pid" 2>/dev/null
    rm -f "$pidfile"
}

start() {
    [ -x "$dir/$service.run" ] || { echo "$service: no $dir/$service.run" >&2; exit 5; }
    setsid "$dir/$service.run" >>"$dir/$service.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
}

case $action in
    is-active) running ;;
    start) running || start ;;
    stop) stop ;;
    restart) stop; start ;;
    reload)
        running || { echo "$service is not running" >&2; exit 7; }
        if [ -x "$dir/$service.reload" ]; then "$dir/$service.reload"; else kill -HUP "$(cat "$pidfile")"; fi ;;
    daemon-reload) exit 0 ;;
    *) echo "unknown action: $action" >&2; exit 2 ;;
esac
