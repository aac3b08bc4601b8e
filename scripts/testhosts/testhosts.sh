#!/bin/sh
# Simulated hosts for fanout and Ansible tests: each host is an sshd on its own loopback address,
# started under `unshare --mount` with overlays over /etc, /run and /var/lib, so node-reconfig
# on that host sees ordinary paths (/etc/kubernetes, /etc/sysconfig, /run, /var/lib/node-reconfig)
# holding that host's own files, and no --root. Run as root.
#
#   testhosts.sh up DIR N [NODE_TREE]   start N hosts; NODE_TREE/etc/* is copied into each /etc
#                                       writes DIR/hosts (one address a line), DIR/ssh (the ssh
#                                       command), DIR/inventory (Ansible), DIR/host-I/etc (host I's /etc changes)
#   testhosts.sh down DIR               kill every process of every host, remove DIR
#   testhosts.sh stop-host DIR I        stop host I's sshd (the host becomes unreachable)
#   testhosts.sh exec DIR I CMD...      run CMD inside host I's mount namespace
#   testhosts.sh ps DIR I               "PID COMMAND" of every process in host I's namespace
#
# TESTHOSTS_USER=NAME (with `up`): ssh logs in as NAME, an unprivileged user with passwordless sudo,
# as operators do, instead of root. NAME exists only inside each host's overlaid /etc (passwd,
# group, shadow; a NAME already on the machine keeps its ids), its password is `*` (key only:
# sshd refuses a locked `!` one), its home is /var/lib/testhosts-NAME, and the rule
# `NAME ALL=(root) NOPASSWD: ALL` is /etc/sudoers.d/testhosts-NAME (remove it on a host to make
# sudo ask for a password there). Nothing changes outside DIR; `sudo` must be installed.
# Keys (host and user) are generated per run in DIR. Every sshd also dies on its own after
# 15 minutes, so nothing outlives a crashed test run for long.
set -eu

usage() { echo "usage: $0 up DIR N [NODE_TREE] | down DIR | stop-host DIR I | ps DIR I | exec DIR I CMD..." >&2; exit 64; }

# Every process whose mount namespace is host I's.
host_pids() {
    ns=$(cat "$1/host-$2/mntns" 2>/dev/null) || return 0
    for p in /proc/[0-9]*; do
        [ "$(readlink "$p/ns/mnt" 2>/dev/null)" = "$ns" ] && echo "${p#/proc/}"
    done
    return 0
}

# Writes host H's overlay files (upper dir H/etc, H/varlib) that give user $user passwordless sudo.
add_user() {
    h=$1
    for f in passwd group shadow; do
        [ -e "$h/etc/$f" ] || cp -p "/etc/$f" "$h/etc/$f"
        grep -v "^$user:" "$h/etc/$f" >"$h/etc/$f.new" || true
        cat "$h/etc/$f.new" >"$h/etc/$f" && rm -f "$h/etc/$f.new"
    done
    echo "$user:x:$uid:$gid:testhosts:/var/lib/testhosts-$user:/bin/sh" >>"$h/etc/passwd"
    grep -q "^[^:]*:[^:]*:$gid:" "$h/etc/group" || echo "$user:x:$gid:" >>"$h/etc/group"
    echo "$user:*:19000:0:99999:7:::" >>"$h/etc/shadow"
    mkdir -p "$h/etc/sudoers.d" "$h/varlib/testhosts-$user"
    chown "$uid:$gid" "$h/varlib/testhosts-$user"
    echo "$user ALL=(root) NOPASSWD: ALL" >"$h/etc/sudoers.d/testhosts-$user"
    chmod 0440 "$h/etc/sudoers.d/testhosts-$user"
}

# Sets $uid and $gid for $user: the machine's, or the first ids from 990 down free in both files.
pick_ids() {
    if entry=$(getent passwd "$user"); then
        uid=$(echo "$entry" | cut -d: -f3) gid=$(echo "$entry" | cut -d: -f4)
        return 0
    fi
    uid=990
    while cut -d: -f3 /etc/passwd | grep -qx "$uid" || cut -d: -f3 /etc/group | grep -qx "$uid"; do
        uid=$((uid - 1))
    done
    gid=$uid
}

down() {
    dir=$1
    [ -d "$dir" ] || return 0
    for h in "$dir"/host-*; do
        [ -d "$h" ] || continue
        i=${h##*-}
        pids=$(host_pids "$dir" "$i")
        [ -n "$pids" ] && kill -9 $pids 2>/dev/null || true
    done
    rm -rf "$dir"
}

up() {
    dir=$1 n=$2 tree=${3:-}
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    trap 'down "$dir"' EXIT
    user=${TESTHOSTS_USER:-} login=root
    if [ -n "$user" ]; then
        case $user in *[!a-z0-9_-]* | [!a-z_]* | root) echo "TESTHOSTS_USER='$user' is not a plain user name" >&2; exit 64 ;; esac
        [ -x /usr/bin/sudo ] || { echo "TESTHOSTS_USER needs sudo (apt-get install sudo)" >&2; exit 69; }
        pick_ids
        login=$user
    fi
    ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key"
    ssh-keygen -q -t ed25519 -N '' -f "$dir/id_ed25519"
    cp "$dir/id_ed25519.pub" "$dir/authorized_keys"
    port=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 20000))
    base=$((10 + $(od -An -N1 -tu1 /dev/urandom) % 200))
    cat >"$dir/sshd_config" <<CONF
HostKey $dir/host_key
PidFile none
UsePAM no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
AuthorizedKeysFile $dir/authorized_keys
StrictModes no
MaxStartups 100
Subsystem sftp internal-sftp
CONF
    echo "ssh -F /dev/null -p $port -i $dir/id_ed25519 -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o IdentitiesOnly=yes${user:+ -l $user}" >"$dir/ssh"
    : >"$dir/hosts"
    printf '[nodes]\n' >"$dir/inventory"
    i=1
    while [ "$i" -le "$n" ]; do
        h=$dir/host-$i addr=127.0.$base.$i
        mkdir -p "$h/etc" "$h/etc-work" "$h/run" "$h/run-work" "$h/varlib" "$h/varlib-work"
        [ -n "$tree" ] && [ -d "$tree/etc" ] && cp -a "$tree/etc/." "$h/etc/"
        [ -n "$user" ] && add_user "$h"
        echo "$addr" >"$h/address"
        unshare --mount --propagation private sh -c '
            h=$1; shift
            mount -t overlay overlay -o "lowerdir=/etc,upperdir=$h/etc,workdir=$h/etc-work" /etc
            mount -t overlay overlay -o "lowerdir=/run,upperdir=$h/run,workdir=$h/run-work" /run
            mount -t overlay overlay -o "lowerdir=/var/lib,upperdir=$h/varlib,workdir=$h/varlib-work" /var/lib
            mkdir -p /run/sshd
            exec timeout 900 "$@"' sh "$h" \
            /usr/sbin/sshd -D -f "$dir/sshd_config" -o "ListenAddress=$addr:$port" -E "$h/sshd.log" </dev/null >/dev/null 2>&1 &
        echo $! >"$h/pid"
        echo "$addr" >>"$dir/hosts"
        printf '%s ansible_port=%s\n' "$addr" "$port" >>"$dir/inventory"
        i=$((i + 1))
    done
    printf '\n[nodes:vars]\nansible_user=%s\nansible_ssh_private_key_file=%s\nansible_ssh_common_args=-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o IdentitiesOnly=yes\nansible_python_interpreter=/usr/bin/python3\n' "$login" "$dir/id_ed25519" >>"$dir/inventory"
    # Wait until each host answers over ssh, then remember its mount namespace.
    i=1
    for addr in $(cat "$dir/hosts"); do
        tries=0
        until $(cat "$dir/ssh") -o BatchMode=yes -o ConnectTimeout=2 "$addr" true 2>/dev/null; do
            tries=$((tries + 1))
            if [ "$tries" -ge 50 ]; then echo "host $i ($addr) did not come up:" >&2; cat "$dir/host-$i/sshd.log" >&2; exit 1; fi
            sleep 0.2
        done
        readlink "/proc/$(cat "$dir/host-$i/pid")/ns/mnt" >"$dir/host-$i/mntns"
        i=$((i + 1))
    done
    trap - EXIT
}

[ $# -ge 2 ] || usage
cmd=$1 dir=$2
shift 2
case $cmd in
up) [ $# -ge 1 ] || usage; up "$dir" "$@" ;;
down) down "$dir" ;;
stop-host) [ $# -eq 1 ] || usage; kill "$(cat "$dir/host-$1/pid")"; sleep 0.2 ;;
ps) [ $# -eq 1 ] || usage; for p in $(host_pids "$dir" "$1"); do echo "$p $(cat "/proc/$p/comm" 2>/dev/null)"; done ;;
exec) [ $# -ge 2 ] || usage; i=$1; shift; exec nsenter --mount="/proc/$(cat "$dir/host-$i/pid")/ns/mnt" -- "$@" ;;
*) usage ;;
esac
