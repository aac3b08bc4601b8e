#!/bin/bash
# Rehearse the migration node-reconfig exists for, on real processes: a cluster moves from old
# masters and an old 3-member etcd to new ones, in the order of the DomeOS migration plan
# (some etcd members first, non-leaders before the leader; switch the nodes; the rest; health
# after every step), while a client keeps reading and writing through every node's load
# balancer and through etcd. The apiservers speak TLS with client certificates (a CA, server
# and node certificates made here with openssl); every node's preflight checks them with the
# node's own credentials, and kubelet stand-ins on the kubeadm and hard-way nodes must get their
# heartbeat to the new masters. Then a second scenario: one node's nginx fails `nginx -t` after
# the rewrite and rolls back while the others complete; a third: a new apiserver whose
# certificate lacks its address is refused on every node before any file changes; a fourth: a
# kubelet whose heartbeat never reaches the new master (it may not renew its Lease there) is
# rolled back by the health gate. Along the way (scripts/rehearsal/addons.sh) the kubeasz-style
# nodes run calico and two more hosts are an OpenShift 3.11 master and node: their etcd lists
# and kubeconfigs switch in wave 1, and their services must outlive the old etcd. Two more
# (scripts/rehearsal/installers.sh) are a k3s agent, whose K3S_URL moves in wave 1, and a KubeKey
# worker whose real haproxy, a static pod restarted through the crictl stand-in, is the LB of its
# share of the client load and whose pool waves 1-3 rewrite and drain.
#
#   sudo scripts/rehearse-migration.sh          (KEYS=3000 NODES=5 by default)
#
# Everything runs in a private network, pid and mount namespace created here (unshare): the
# addresses below exist only on that namespace's loopback device, and every process (etcd,
# nginx, sshd hosts, python servers) dies with it, also on failure or SIGKILL.
#   old etcd members     10.70.0.1-3   client :2379, peer :2380 (etcd-old-N, plain processes)
#   new etcd members     10.71.0.1-3   (etcd-new-N, each on its own simulated etcd host)
#   old apiservers       10.72.0.1-3:6443, new 10.73.0.1-4:6443 (scripts/rehearsal/apiserver.py,
#                        TLS, client certificates, Leases shared through WORK/apistate);
#                        10.73.0.5 (certificate without its address, scenario 3) and
#                        10.73.0.6 (takes no Lease renewal, scenario 4)
#   nodes                127.0.X.1..NODES (scripts/testhosts: sshd in its own mount namespace)
#                        with an nginx local LB on ADDRESS:6443, files from fixtures/rehearsal
#   OpenShift master and node: the two hosts after the three etcd hosts (no LB of their own)
#   k3s agent, KubeKey worker: the two hosts after those (haproxy LB on the worker's ADDRESS:6443)
# The control plane is deliberately NOT on 127.0.0.0/8: node-reconfig leaves loopback values
# alone (they mean "a node-local load balancer"), which is what the nodes' LB addresses are.
#
# Environment: KEYS, NODES (>= 1; styles repeat every 5 nodes), NODE_RECONFIG (the binary,
# default .build/debug/node-reconfig), TESTHOSTS (the harness), KEEP=1 (keep the work dir).
# Exit 0 only when every check passed; the last lines are a summary (see README).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
KEYS=${KEYS:-3000}
NODES=${NODES:-5}
NODE_RECONFIG=${NODE_RECONFIG:-$REPO/.build/debug/node-reconfig}
TESTHOSTS=${TESTHOSTS:-$REPO/scripts/testhosts/testhosts.sh}
STYLES=(kubeadm kubespray kubeasz centos-domeos hardway)

if [ -z "${REHEARSAL_INNER:-}" ]; then
    [ "$(id -u)" -eq 0 ] || { echo "rehearse-migration: run as root (namespaces, overlays, sshd)" >&2; exit 1; }
    missing=""
    for p in etcd etcdctl nginx haproxy /usr/sbin/sshd ssh ssh-keygen unshare nsenter ip python3 kubectl curl openssl; do
        command -v "$p" >/dev/null 2>&1 || missing="$missing $p"
    done
    [ -x "$NODE_RECONFIG" ] || missing="$missing $NODE_RECONFIG(run swift build)"
    [ -x "$TESTHOSTS" ] || missing="$missing $TESTHOSTS"
    [ -z "$missing" ] || { echo "rehearse-migration: missing:$missing" >&2; exit 1; }
    export REHEARSAL_INNER=1 NODE_RECONFIG TESTHOSTS
    exec unshare --net --pid --mount --mount-proc --propagation private --kill-child -- "$0" "$@"
fi

# shellcheck source=rehearsal/lib.sh
. "$HERE/rehearsal/lib.sh"
# shellcheck source=rehearsal/addons.sh
. "$HERE/rehearsal/addons.sh"
# shellcheck source=rehearsal/installers.sh
. "$HERE/rehearsal/installers.sh"
T0=$(date +%s.%N)
WORK=$(mktemp -d /tmp/rehearsal.XXXXXX)
HOSTS_DIR=$WORK/hosts
LOAD_PID=""
cleanup() {
    local code=$?
    [ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null
    [ -n "$INSTALLERS_PID" ] && kill "$INSTALLERS_PID" 2>/dev/null
    "$TESTHOSTS" down "$HOSTS_DIR" 2>/dev/null || true
    jobs -p | xargs -r kill 2>/dev/null || true
    if [ "${KEEP:-}" = 1 ] || [ "$code" -ne 0 ]; then echo "work dir kept: $WORK" >&2; else rm -rf "$WORK"; fi
    exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

OLD_ETCD=(10.70.0.1 10.70.0.2 10.70.0.3)
NEW_ETCD=(10.71.0.1 10.71.0.2 10.71.0.3)
OLD_API=(10.72.0.1 10.72.0.2 10.72.0.3)
NEW_API=(10.73.0.1 10.73.0.2 10.73.0.3 10.73.0.4)
EXTRA_API=(10.73.0.5 10.73.0.6)
join() { local sep=$1 pre=$2 post=$3; shift 3; local out="" a; for a in "$@"; do out="$out${out:+$sep}$pre$a$post"; done; echo "$out"; }
ETCD_HOSTS_FIRST=$((NODES + 1))

step "network: a private namespace, control-plane addresses on its loopback"
ip link set lo up
for a in "${OLD_ETCD[@]}" "${NEW_ETCD[@]}" "${OLD_API[@]}" "${NEW_API[@]}" "${EXTRA_API[@]}"; do ip addr add "$a/32" dev lo; done
say "lo: $(ip -br addr show lo | cut -c40-)"

step "old etcd cluster: 3 members, $KEYS keys"
OLD_CLUSTER=$(join , "" "" etcd-old-1=http://10.70.0.1:2380 etcd-old-2=http://10.70.0.2:2380 etcd-old-3=http://10.70.0.3:2380)
for n in 1 2 3; do
    a=${OLD_ETCD[n - 1]}
    etcd --name "etcd-old-$n" --data-dir "$WORK/etcd-old-$n" --log-level warn \
        --listen-client-urls "http://$a:2379" --advertise-client-urls "http://$a:2379" \
        --listen-peer-urls "http://$a:2380" --initial-advertise-peer-urls "http://$a:2380" \
        --initial-cluster "$OLD_CLUSTER" --initial-cluster-state new --initial-cluster-token rehearsal-etcd \
        >"$WORK/etcd-old-$n.log" 2>&1 &
    echo $! >"$WORK/etcd-old-$n.pid"
done
MEMBERS=(old-1 old-2 old-3)
endpoints() { local m out=""; for m in "${MEMBERS[@]}"; do out="$out${out:+,}http://10.7$([ "${m%-*}" = old ] && echo 0 || echo 1).0.${m#*-}:2379"; done; echo "$out"; }
wait_for 30 "the old etcd cluster coming up" ectl --endpoints="$(endpoints)" endpoint health
etcd_health "$(endpoints)"
python3 "$HERE/rehearsal/etcdkv.py" seed http://10.70.0.1:2379 seed/ "$KEYS" | while read -r l; do say "$l"; done

step "simulated hosts: $NODES nodes, 3 etcd hosts, an OpenShift master and node, a k3s agent, a KubeKey worker"
"$TESTHOSTS" up "$HOSTS_DIR" $((NODES + 7)) >/dev/null
SSH=$(cat "$HOSTS_DIR/ssh")
head -n "$NODES" "$HOSTS_DIR/hosts" >"$WORK/nodes.txt"
sed -n "$((NODES + 1)),$((NODES + 3))p" "$HOSTS_DIR/hosts" >"$WORK/etcd-hosts.txt"

step "control-plane certificates: a CA, each apiserver's (its address, kube-lb.rehearsal, every node's LB address), each node's client certificate"
PKI=$WORK/pki
export REHEARSAL_CA=$PKI/rehearsal-ca.crt
"$HERE/rehearsal/pki.sh" "$PKI" ca rehearsal-ca
# The hosts whose LB the client load goes through: the nodes and the KubeKey worker.
LB_HOSTS=($(seq "$NODES") "$KUBEKEY_HOST")
NODE_SANS=$(for i in "${LB_HOSTS[@]}"; do printf ',IP:%s' "$(host_addr "$i")"; done)
# 127.0.0.1 too: the k3s agent's and the KubeKey worker's kubeconfigs reach the masters through
# a load balancer on 127.0.0.1, and k3s and KubeKey put it in the apiservers' certificates.
for a in "${OLD_API[@]}" "${NEW_API[@]}" 10.73.0.6; do
    "$HERE/rehearsal/pki.sh" "$PKI" server "api-$a" rehearsal-ca "IP:$a,IP:127.0.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kube-lb.rehearsal$NODE_SANS"
done
# Scenario 3's apiserver: its certificate was issued for new-1's names, not its own address.
"$HERE/rehearsal/pki.sh" "$PKI" server api-10.73.0.5 rehearsal-ca "IP:10.73.0.1,DNS:kubernetes,DNS:kubernetes.default"
"$HERE/rehearsal/pki.sh" "$PKI" server lb rehearsal-ca "DNS:kube-lb.rehearsal$NODE_SANS"
for i in $(seq "$NODES"); do "$HERE/rehearsal/pki.sh" "$PKI" client "node-$i" rehearsal-ca "system:node:node-$i" system:nodes; done
CA_DATA=$(base64 -w0 "$REHEARSAL_CA")
say "$(ls "$PKI" | grep -c '\.crt$') certificates in $PKI"

step "apiserver stand-ins: old-1..3 and new-1..4, TLS with client certificates"
apiserver() { # apiserver ADDRESS ID [OPTIONS...]: started in the background, its pid in WORK/api-ID.pid
    local a=$1 id=$2
    shift 2
    python3 "$HERE/rehearsal/apiserver.py" "$a" 6443 "$id" --cert "$PKI/api-$a.crt" --key "$PKI/api-$a.key" \
        --client-ca "$REHEARSAL_CA" --state "$WORK/apistate" "$@" &
    echo $! >"$WORK/api-$id.pid"
}
for n in 1 2 3; do apiserver "${OLD_API[n - 1]}" "old-$n"; done
for n in 1 2 3 4; do apiserver "${NEW_API[n - 1]}" "new-$n"; done
for a in "${OLD_API[@]}" "${NEW_API[@]}"; do wait_for 10 "apiserver $a answering" curl -sf --cacert "$REHEARSAL_CA" "https://$a:6443/healthz"; done
say "7 apiserver stand-ins answer /healthz over TLS"

step "nodes: files of five styles, the CA and client certificates, load balancers, kubelet stand-ins"
lb_service() { case $1 in kubeasz) echo kube-lb ;; hardway) echo kube-nginx ;; *) echo nginx ;; esac; }
lb_command() {
    local stream='load_module modules/ngx_stream_module.so; '
    case $1 in
    kubeadm) echo "exec nginx -c /etc/nginx/nginx.conf -g 'daemon off;'" ;;
    kubespray) echo "exec nginx -c /etc/nginx/nginx.conf -g '${stream}daemon off;'" ;;
    kubeasz) echo "exec nginx -c /etc/kube-lb/conf/kube-lb.conf -g '${stream}daemon off;'" ;;
    centos-domeos) echo "exec nginx -c /etc/nginx/nginx.conf -g 'daemon off;'" ;;
    hardway) echo "exec nginx -c /etc/kube-nginx/kube-nginx.conf -g '${stream}daemon off;'" ;;
    esac
}
# kubelet stand-ins where kubelet's kubeconfig names a master itself (not the node's LB): its
# restart toward a new master is what the heartbeat gate checks.
kubelet_kubeconfig() { case $1 in kubeadm) echo /etc/kubernetes/kubelet.conf ;; hardway) echo /var/lib/kubelet/kubeconfig ;; esac; }
for i in $(seq "$NODES"); do
    style=${STYLES[(i - 1) % 5]}
    install_tree "$i" "$REPO/fixtures/rehearsal/$style" "node-$i"
    install_pki "$i"
    install_service_cmd "$i"
    on_host "$i" sh -c "echo '$(host_addr "$i") kube-lb.rehearsal' >>/etc/hosts"
    add_service "$i" "$(lb_service "$style")" "$(lb_command "$style")"
    wait_for 10 "node $i's load balancer" curl -sf --cacert "$REHEARSAL_CA" "https://$(host_addr "$i"):6443/healthz"
    kubeconfig=$(kubelet_kubeconfig "$style")
    if [ -n "$kubeconfig" ]; then
        add_service "$i" kubelet "exec python3 $HERE/rehearsal/kubelet.py --kubeconfig $kubeconfig --hostname-override node-$i --interval 1"
    fi
    say "node $i $(host_addr "$i"): $style, $(lb_service "$style") answers $(lb_answers "$(host_addr "$i")" 6)${kubeconfig:+, kubelet stand-in on $kubeconfig}"
done
for k in 1 2 3; do install_service_cmd $((NODES + k)); done
addons_setup
installers_setup

step "client load: every ~100 ms through each node's LB and through etcd"
LBS=$(for i in "${LB_HOSTS[@]}"; do printf 'https://%s:6443/healthz,' "$(host_addr "$i")"; done)
python3 "$HERE/rehearsal/load.py" "$WORK/load.json" "$WORK/phase" 0.1 "$LBS" \
    "$(join , http:// :2379 "${OLD_ETCD[@]}" "${NEW_ETCD[@]}")" &
LOAD_PID=$!
wait_for 10 "the first load counts" test -s "$WORK/load.json"

# ---- etcd, part 1: new members in, old non-leaders out, one at a time -------------------------
add_member() {
    local n=$1 i=$((NODES + $1)) a=${NEW_ETCD[$1 - 1]} out initial
    step "etcd: member add etcd-new-$n, started on etcd host $i with initial-cluster-state existing"
    out=$(ectl_retry --endpoints="$(endpoints)" member add "etcd-new-$n" --peer-urls="http://$a:2380") || die "member add etcd-new-$n: $out"
    initial=$(echo "$out" | sed -n 's/^ETCD_INITIAL_CLUSTER="\(.*\)"$/\1/p')
    [ -n "$initial" ] || die "member add printed no ETCD_INITIAL_CLUSTER: $out"
    install_tree "$i" "$REPO/fixtures/rehearsal/etcd-host" "etcd-new-$n" -e "s/@IP@/$a/g" -e "s/@NAME@/etcd-new-$n/g" -e "s|@INITIAL_CLUSTER@|$initial|g"
    add_service "$i" etcd 'set -a; . /etc/etcd.env; exec etcd'
    MEMBERS+=("new-$n")
    wait_for 60 "etcd-new-$n joining" ectl --endpoints="http://$a:2379" endpoint health
    etcd_health "$(endpoints)"
}
remove_member() { # remove_member NAME (old-N)
    local name=$1 id rest=() m out
    step "etcd: member remove etcd-$name"
    id=$(member_id "$(endpoints)" "etcd-$name")
    [ -n "$id" ] || die "no member etcd-$name"
    # Asked of the remaining members only (a member removing itself may not answer), and a
    # retry that finds the member gone means the first attempt did it.
    for m in "${MEMBERS[@]}"; do [ "$m" = "$name" ] || rest+=("$m"); done
    MEMBERS=("${rest[@]}")
    if ! out=$(ectl_retry --endpoints="$(endpoints)" member remove "$id"); then
        case $out in *"member not found"*) ;; *) die "member remove etcd-$name: $out" ;; esac
    fi
    etcd_health "$(endpoints)"
}
old_non_leader() {
    local leader m
    leader=$(leader_endpoint "$(endpoints)")
    for m in "${MEMBERS[@]}"; do
        case $m in old-*) [ "http://10.70.0.${m#old-}:2379" = "$leader" ] || { echo "$m"; return; } ;; esac
    done
}
add_member 1
m=$(old_non_leader); say "leader is $(leader_endpoint "$(endpoints)"); removing $m"; remove_member "$m"
add_member 2
m=$(old_non_leader); say "leader is $(leader_endpoint "$(endpoints)"); removing $m"; remove_member "$m"
add_member 3

# ---- the nodes: node-reconfig fanout only ------------------------------------------------------
NEW_MASTER=https://10.73.0.1:6443
NEW_ETCD_URLS=$(join , http:// :2379 "${NEW_ETCD[@]}")
NEW_POOL=$(join , "" :6443 "${NEW_API[@]:0:3}")
OLD_POOL=$(join , "" :6443 "${OLD_API[@]}")
# Every simulated machine's addresses share the namespace's loopback, so its interfaces cannot say
# which are a host's own (SPEC's own-address rule): each run is told none are (--local-addresses).
LOCAL_FLAGS=(--local-addresses=none)
NODE_FLAGS=(--service-cmd=/etc/node-reconfig/service-cmd --probe=https://kube-lb.rehearsal:6443/healthz
            --probe-cacert=/etc/kubernetes/ssl/ca.pem --settle=2 --health-timeout=30 "${LOCAL_FLAGS[@]}")
# fanout REPORT HOSTS_FILE FANOUT_OPTIONS... -- FLAGS...: prints the table; returns fanout's exit code.
fanout() {
    local report=$1 hosts=$2
    shift 2
    "$NODE_RECONFIG" fanout --hosts="$hosts" --ssh="$SSH" --remote-bin="$NODE_RECONFIG" --report="$WORK/$report" "$@" 2>"$WORK/$report.progress"
}
run_fanout() { # like fanout, but any host not succeeding ends the rehearsal
    local out code=0
    out=$(fanout "$@") || code=$?
    echo "$out" | sed 's/^/    /'
    [ "$code" -eq 0 ] || die "fanout exited $code (report: $WORK/$1)"
}

step "nodes, wave 1: --master and --etcd to the new cluster, new apiservers join the LB pools"
installers_start installers-switch.json --master="$NEW_MASTER" --etcd="$NEW_ETCD_URLS" --apiservers="$OLD_POOL,$NEW_POOL"
run_fanout switch.json "$WORK/nodes.txt" --batch=50% -- --master="$NEW_MASTER" --etcd="$NEW_ETCD_URLS" \
    --apiservers="$OLD_POOL,$NEW_POOL" "${NODE_FLAGS[@]}"
installers_wait installers-switch.json
lbs_healthy
HEARTBEATS=$(python3 -c 'import json,sys; print(sum("heartbeat reached https://10.73.0.1:6443" in h["stderr"] for h in json.load(open(sys.argv[1]))["hosts"]))' "$WORK/switch.json")
say "kubelet heartbeats seen on the new master by the health gate: $HEARTBEATS (the kubeadm and hard-way nodes)"
addons_switch
step "nodes, wave 2: --drain the old apiservers"
installers_start installers-drain.json --drain="$OLD_POOL"
run_fanout drain.json "$WORK/nodes.txt" --batch=50% -- --drain="$OLD_POOL" "${NODE_FLAGS[@]}"
installers_wait installers-drain.json
lbs_healthy
for i in "${LB_HOSTS[@]}"; do say "host $i LB answers: $(lb_answers "$(host_addr "$i")" 9)"; done

# ---- etcd, part 2: the leader last ----------------------------------------------------------
leader=$(leader_endpoint "$(endpoints)")
last=$(for m in "${MEMBERS[@]}"; do case $m in old-*) echo "$m" ;; esac; done)
step "etcd: move leadership off etcd-$last, then remove it"
if [ "$leader" = "http://10.70.0.${last#old-}:2379" ]; then
    target=$(member_id "$(endpoints)" etcd-new-1)
    out=$(ectl_retry --endpoints="$leader" move-leader "$target") || die "move-leader to etcd-new-1: $out"
    say "leadership moved from etcd-$last to etcd-new-1"
fi
remove_member "$last"
say "members now: $(ectl --endpoints="$(endpoints)" member list | awk -F', ' '{ printf "%s ", $3 }')"

step "etcd hosts: --etcd-members, one host at a time (each etcd restarts and must rejoin)"
MEMBER_LIST=$(join , "" "" etcd-new-1=http://10.71.0.1:2380 etcd-new-2=http://10.71.0.2:2380 etcd-new-3=http://10.71.0.3:2380)
run_fanout members.json "$WORK/etcd-hosts.txt" --batch=1 -- --etcd-members="$MEMBER_LIST" \
    --service-cmd=/etc/node-reconfig/service-cmd --settle=3 --health-timeout=60 "${LOCAL_FLAGS[@]}" \
    $(for a in "${NEW_ETCD[@]}"; do printf -- '--probe=http://%s:2379/health ' "$a"; done)
etcd_health "$(endpoints)"

step "nodes, wave 3: the pools hold only the new apiservers; old apiservers stop"
installers_start installers-cleanup.json --master="$NEW_MASTER" --etcd="$NEW_ETCD_URLS" --apiservers="$NEW_POOL"
run_fanout cleanup.json "$WORK/nodes.txt" --batch=50% -- --master="$NEW_MASTER" --etcd="$NEW_ETCD_URLS" \
    --apiservers="$NEW_POOL" "${NODE_FLAGS[@]}"
installers_wait installers-cleanup.json
for n in 1 2 3; do kill "$(cat "$WORK/api-old-$n.pid")"; done
lbs_healthy
step "scenario 1 done"
stop_load
SWITCH_SECONDS=$(elapsed)

# ---- verification ------------------------------------------------------------------------------
. "$HERE/rehearsal/verify.sh"
verify_scenario1
verify_addons
verify_installers

# ---- scenario 2 --------------------------------------------------------------------------------
. "$HERE/rehearsal/scenario2.sh"
scenario2

# ---- scenarios 3 and 4: the preflight and the heartbeat gate ----------------------------------
. "$HERE/rehearsal/scenario3.sh"
scenario3
scenario4

print_summary
