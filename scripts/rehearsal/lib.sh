# Helpers of scripts/rehearse-migration.sh (sourced; bash). They use its variables: WORK, HERE,
# REPO, TESTHOSTS, HOSTS_DIR, NODE_RECONFIG, T0.

# ---- output ---------------------------------------------------------------------------------

say() { printf '[%6.1fs] %s\n' "$(elapsed)" "$*"; }
step() { STEP=$1; echo "$1" >"$WORK/phase"; printf '\n[%6.1fs] == %s\n' "$(elapsed)" "$1"; }
die() {
    printf '\n[%6.1fs] REHEARSAL FAILED in step "%s": %s\n' "$(elapsed)" "${STEP:-setup}" "$*" >&2
    exit 1
}
elapsed() { awk -v t0="$T0" -v now="$(date +%s.%N)" 'BEGIN { printf "%.1f", now - t0 }'; }

# wait_for SECONDS WHAT COMMAND...: retries COMMAND every 0.2 s; dies naming WHAT.
wait_for() {
    local seconds=$1 what=$2 deadline
    shift 2
    deadline=$(($(date +%s) + seconds))
    until "$@" >/dev/null 2>&1; do
        [ "$(date +%s)" -lt "$deadline" ] || die "$what did not happen within ${seconds}s"
        sleep 0.2
    done
}

# ---- simulated hosts ----------------------------------------------------------------------

host_addr() { sed -n "${1}p" "$HOSTS_DIR/hosts"; }
on_host() { local i=$1; shift; "$TESTHOSTS" exec "$HOSTS_DIR" "$i" "$@"; }

# install_tree I TREE NAME: copies TREE/etc and TREE/var (if any) into host I, replacing
# @NODE_IP@ with the host's address and @NODE_NAME@ with NAME, plus any SED expressions given
# after NAME.
install_tree() {
    local i=$1 tree=$2 name=$3 addr stage
    shift 3
    addr=$(host_addr "$i")
    stage=$WORK/stage-$i
    rm -rf "$stage" && mkdir -p "$stage" && cp -a "$tree/." "$stage/"
    find "$stage" -type f -exec sed -i -e "s/@NODE_IP@/$addr/g" -e "s/@NODE_NAME@/$name/g" -e "s|@CA_DATA@|${CA_DATA:-}|g" "$@" {} +
    on_host "$i" sh -c "cp -a '$stage/etc/.' /etc/ && if [ -d '$stage/var' ]; then cp -a '$stage/var/.' /var/; fi"
}

# install_pki I: the cluster CA and node I's client certificate, under every name the five
# styles' files use (kubeasz's ssl/*.pem, kubespray's ssl/*.crt, kubeadm's kubelet-client-current.pem,
# the hard way's /var/lib/kubelet and /var/lib/kube-proxy), and the LB certificate of the
# DomeOS-style nginx that ends TLS.
install_pki() {
    local i=$1 stage=$WORK/pki-$1
    rm -rf "$stage" && mkdir -p "$stage"
    cp "$PKI/rehearsal-ca.crt" "$stage/ca" && cp "$PKI/node-$i.crt" "$stage/crt" && cp "$PKI/node-$i.key" "$stage/key"
    cp "$PKI/lb.crt" "$stage/lb" && cp "$PKI/lb.key" "$stage/lbkey" && cat "$stage/crt" "$stage/key" >"$stage/both"
    on_host "$i" sh -c "set -e; cd '$stage'; umask 077; mkdir -p /etc/kubernetes/ssl /var/lib/kubelet/pki /var/lib/kube-proxy
        for f in ca.pem ca.crt; do cp ca /etc/kubernetes/ssl/\$f; done
        for f in kubelet.pem kubelet.crt kube.crt kube-proxy.pem; do cp crt /etc/kubernetes/ssl/\$f; done
        for f in kubelet-key.pem kubelet.key kube.key kube-proxy-key.pem; do cp key /etc/kubernetes/ssl/\$f; done
        cp lb /etc/kubernetes/ssl/lb.pem; cp lbkey /etc/kubernetes/ssl/lb-key.pem
        cp both /var/lib/kubelet/pki/kubelet-client-current.pem
        cp crt /var/lib/kubelet/kubelet.pem; cp key /var/lib/kubelet/kubelet-key.pem
        cp crt /var/lib/kube-proxy/kube-proxy.pem; cp key /var/lib/kube-proxy/kube-proxy-key.pem"
}

# The service manager node-reconfig drives on host I (--service-cmd): scripts/service-cmd over
# the host's /run/services; a service without a .run file there (kubelet, flanneld...) is
# inactive, so node-reconfig restarts nothing else.
install_service_cmd() {
    local i=$1
    on_host "$i" sh -c "mkdir -p /etc/node-reconfig /run/services && printf '%s\n' '#!/bin/sh' 'exec $REPO/scripts/service-cmd/service-cmd.sh /run/services \"\$@\"' >/etc/node-reconfig/service-cmd && chmod 755 /etc/node-reconfig/service-cmd"
}

# add_service I NAME COMMAND: host I gets /run/services/NAME.run running COMMAND, started now.
add_service() {
    local i=$1 name=$2 command=$3
    on_host "$i" sh -c "printf '%s\n' '#!/bin/sh' \"$command\" >/run/services/$name.run && chmod 755 /run/services/$name.run && /etc/node-reconfig/service-cmd start $name"
}

# ---- etcd ---------------------------------------------------------------------------------

ectl() { ETCDCTL_API=3 etcdctl --dial-timeout=3s --command-timeout=10s "$@"; }

# ectl_retry ARGS...: etcdctl ARGS, retried for up to 30 s. etcd refuses a membership change
# until every member has been connected for a few seconds ("unhealthy cluster"), as an operator
# retrying by hand would find. Prints the output (stdout and stderr) of the last attempt.
ectl_retry() {
    local deadline=$(($(date +%s) + 30)) out
    until out=$(ectl "$@" 2>&1); do
        case $out in *"member not found"*) echo "$out"; return 1 ;; esac
        [ "$(date +%s)" -lt "$deadline" ] || { echo "$out"; return 1; }
        sleep 1
    done
    echo "$out"
}

# etcd_health ENDPOINTS: every member answers `endpoint health`; dies with its output otherwise.
etcd_health() {
    local out
    out=$(ectl --endpoints="$1" endpoint health 2>&1) || die "etcd endpoint health failed:
$out"
    say "etcd healthy: $(echo "$out" | grep -c 'is healthy') of $(echo "$1" | tr ',' '\n' | grep -c .) members"
}

# member_id ENDPOINTS NAME: the hex id of member NAME.
member_id() { ectl --endpoints="$1" member list | awk -F', ' -v n="$2" '$3 == n { print $1 }'; }

# leader_endpoint ENDPOINTS: the client URL of the current leader.
leader_endpoint() {
    ectl --endpoints="$1" endpoint status -w json | python3 -c '
import json, sys
rows = json.load(sys.stdin)
print(next(r["Endpoint"] for r in rows if r["Status"]["header"]["member_id"] == r["Status"]["leader"]))'
}

# ---- load balancers -----------------------------------------------------------------------

# lb_answers ADDR N: N requests through the LB at ADDR:6443, the distinct answers sorted.
lb_answers() {
    local addr=$1 n=$2 k
    for k in $(seq "$n"); do curl -s -m 3 --cacert "$REHEARSAL_CA" "https://$addr:6443/healthz" || echo "FAILED"; done | sort -u | tr '\n' ' '
}

lbs_healthy() {
    local i
    for i in "${LB_HOSTS[@]}"; do
        curl -sf -m 3 -o /dev/null --cacert "$REHEARSAL_CA" "https://$(host_addr "$i"):6443/healthz" || die "host $i's load balancer does not answer"
    done
    say "all ${#LB_HOSTS[@]} load balancers answer (the $NODES nodes' and the KubeKey worker's)"
}

# stop_load: ends the client load (its counts are written at exit), waiting at most 10 s.
stop_load() {
    local k
    [ -n "$LOAD_PID" ] || return 0
    kill "$LOAD_PID" 2>/dev/null || true
    for k in $(seq 50); do kill -0 "$LOAD_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$LOAD_PID" 2>/dev/null || true
    wait "$LOAD_PID" 2>/dev/null || true
    LOAD_PID=""
}
