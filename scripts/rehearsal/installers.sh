# Today's installers as node styles of scripts/rehearse-migration.sh (sourced; issue 17): two
# more hosts after the OpenShift ones, switched in waves 1-3 by a fanout of their own that runs
# alongside the nodes' fanout of the same wave (the same flags, less the nodes' LB probe).
#
#   k3s agent      fixtures/rehearsal/k3s-agent: K3S_URL in k3s-agent.service.env names old-1;
#                  the agent's kubeconfigs name its own client-side LB, 127.0.0.1:6444, and stay.
#                  The k3s-agent service (--service-cmd) is a STAND-IN for `k3s agent`: it reads
#                  the env file when it starts, as systemd's EnvironmentFile= does, and asks
#                  $K3S_URL/healthz every second with the agent's client certificate (k3s's files
#                  under /var/lib/rancher/k3s/agent), logging which
#                  apiserver answered; it exits when no answer comes (the service goes inactive).
#   KubeKey worker fixtures/rehearsal/kubekey-worker: a REAL haproxy serves the node's LB from
#                  /etc/kubekey/haproxy/haproxy.cfg (KubeKey's file binds 127.0.0.1:6443 and
#                  *:8081; here the LB binds the host's own loopback address and the healthz
#                  frontend, which the pod's livenessProbe and so node-reconfig's health gate ask,
#                  127.0.0.1:8081, as every simulated host shares one network namespace and the
#                  kubespray-style nodes' nginx serves their own :8081), with KubeKey's static pod
#                  manifest, and the crictl stand-in
#                  as --runtime-cmd holding the pod's running container. When node-reconfig stops
#                  that container, the stand-in plays kubelet starting a new one: a new haproxy on
#                  the rewritten file that takes the listening sockets over from the old one
#                  (haproxy -sf). That handover is haproxy's own seamless reload; a real container
#                  restart leaves a short gap (the old container stops before kubelet starts the
#                  new one), so "no failed request" through this LB shows that the rewritten pool
#                  serves at every moment, not that a real pod restart is gapless.

K3S_HOST=$((NODES + 6))
KUBEKEY_HOST=$((NODES + 7))
INSTALLERS_PID=""

installers_setup() {
    local i id
    step "installers: a k3s agent and a KubeKey worker (haproxy static pod through the crictl stand-in)"
    for i in "$K3S_HOST" "$KUBEKEY_HOST"; do
        "$HERE/rehearsal/pki.sh" "$PKI" client "node-$i" rehearsal-ca "system:node:node-$i" system:nodes
        install_service_cmd "$i"
        install_pki "$i"
    done
    install_tree "$K3S_HOST" "$REPO/fixtures/rehearsal/k3s-agent" "node-$K3S_HOST"
    # What k3s writes next to its kubeconfigs: the server CA and the agent's client certificates.
    on_host "$K3S_HOST" sh -c "set -e; umask 077; cd /var/lib/rancher/k3s/agent; cp '$PKI/rehearsal-ca.crt' server-ca.crt
        for c in kubelet kube-proxy; do cp '$PKI/node-$K3S_HOST.crt' client-\$c.crt; cp '$PKI/node-$K3S_HOST.key' client-\$c.key; done"
    script_service "$K3S_HOST" k3s-agent 'set -a; . /etc/systemd/system/k3s-agent.service.env; set +a
echo "k3s-agent stand-in: K3S_URL=$K3S_URL"
d=/var/lib/rancher/k3s/agent
while answer=$(curl -sf -m 3 --cacert $d/server-ca.crt --cert $d/client-kubelet.crt --key $d/client-kubelet.key "$K3S_URL/healthz"); do
    echo "$K3S_URL $answer"
    sleep 1
done
echo "k3s-agent stand-in: $K3S_URL does not answer; exiting"
exit 1'
    wait_for 10 "the k3s agent's first answer" on_host "$K3S_HOST" grep -q '^https://' /run/services/k3s-agent.log
    say "host $K3S_HOST $(host_addr "$K3S_HOST"): k3s agent, K3S_URL $(on_host "$K3S_HOST" sed -n "s/^K3S_URL=//p" /etc/systemd/system/k3s-agent.service.env), answered by $(on_host "$K3S_HOST" tail -n 1 /run/services/k3s-agent.log | cut -d' ' -f2)"

    install_tree "$KUBEKEY_HOST" "$REPO/fixtures/rehearsal/kubekey-worker" "node-$KUBEKEY_HOST"
    # kubelet's part: the pod's container starts haproxy on the directory the pod mounts.
    printf '%s\n' '#!/bin/sh' \
        '# kubelet starting a container of the haproxy static pod (crictl stand-in start hook): haproxy on' \
        '# the file the pod mounts, taking the sockets over from the one running (-sf).' \
        '[ "$2" = haproxy ] || exit 0' \
        'haproxy -c -f /etc/kubekey/haproxy/haproxy.cfg >/dev/null || exit 1' \
        'old=$(cat /run/kubekey-haproxy.pid 2>/dev/null)' \
        'haproxy -D -f /etc/kubekey/haproxy/haproxy.cfg -p /run/kubekey-haproxy.pid ${old:+-sf $old} </dev/null >/dev/null 2>/run/kubekey-haproxy.log \' \
        '    || { cat /run/kubekey-haproxy.log >&2; exit 1; }' \
        >"$WORK/haproxy-pod" && chmod 755 "$WORK/haproxy-pod"
    printf '%s\n' '#!/bin/sh' \
        "CRICTL_STANDIN_DIR=/run/crictl CRICTL_STANDIN_ON_START=/etc/node-reconfig/haproxy-pod exec $REPO/scripts/rehearsal/crictl-standin \"\$@\"" \
        >"$WORK/crictl" && chmod 755 "$WORK/crictl"
    id=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
    on_host "$KUBEKEY_HOST" sh -c "set -e; cp '$WORK/haproxy-pod' '$WORK/crictl' /etc/node-reconfig/; mkdir -p /run/crictl
        /etc/node-reconfig/haproxy-pod haproxy-node-$KUBEKEY_HOST haproxy
        echo '$id haproxy-node-$KUBEKEY_HOST haproxy Running 0' >/run/crictl/containers" || die "the KubeKey worker's haproxy did not start"
    on_host "$K3S_HOST" sh -c "cp '$WORK/crictl' /etc/node-reconfig/ && mkdir -p /run/crictl"
    wait_for 10 "the KubeKey worker's haproxy" curl -sf --cacert "$REHEARSAL_CA" "https://$(host_addr "$KUBEKEY_HOST"):6443/healthz"
    say "host $KUBEKEY_HOST $(host_addr "$KUBEKEY_HOST"): KubeKey worker, haproxy (static pod haproxy-node-$KUBEKEY_HOST) answers $(lb_answers "$(host_addr "$KUBEKEY_HOST")" 6)"
    sed -n "${K3S_HOST}p;${KUBEKEY_HOST}p" "$HOSTS_DIR/hosts" >"$WORK/installers.txt"
}

# installers_start REPORT FLAGS...: the installer hosts' fanout of a wave, in the background.
installers_start() {
    local report=$1
    shift
    ( fanout "$report" "$WORK/installers.txt" -- "$@" --service-cmd=/etc/node-reconfig/service-cmd \
        --runtime-cmd=/etc/node-reconfig/crictl --settle=2 --health-timeout=30 "${LOCAL_FLAGS[@]}" ) >"$WORK/$report.out" 2>&1 &
    INSTALLERS_PID=$!
}

# installers_wait REPORT: its table; any host not succeeding ends the rehearsal.
installers_wait() {
    local code=0
    wait "$INSTALLERS_PID" || code=$?
    INSTALLERS_PID=""
    say "installer hosts ($1):"
    sed 's/^/    /' "$WORK/$1.out"
    [ "$code" -eq 0 ] || die "the installer hosts' fanout failed (report: $WORK/$1)"
}

# After the switch and the old apiservers' stop: the k3s agent's K3S_URL (read by sh, as systemd
# reads it) is the new master, the agent runs and its last answer came from new-1; KubeKey's
# haproxy.cfg (haproxy -c) holds only the new pool, its pod was restarted through the runtime,
# and every request through it was answered.
verify_installers() {
    local url running last restarted pool stops counts
    step "verify: the k3s agent follows the new master; KubeKey's haproxy pool holds only new apiservers"
    url=$(on_host "$K3S_HOST" sh -c '. /etc/systemd/system/k3s-agent.service.env; echo "$K3S_URL"')
    if on_host "$K3S_HOST" /etc/node-reconfig/service-cmd is-active k3s-agent; then running="k3s-agent running"
    else running="k3s-agent STOPPED"; check_failed "the k3s agent did not outlive the old apiservers"; fi
    last=$(on_host "$K3S_HOST" tail -n 1 /run/services/k3s-agent.log)
    restarted=$(python3 -c 'import json,sys; print(" ".join(s["name"] for h in json.load(open(sys.argv[1]))["hosts"] for s in (h.get("output") or {}).get("services", []) if s["result"] == "restarted" and s["name"] == "k3s-agent") or "nothing")' "$WORK/installers-switch.json")
    [ "$url" = "$NEW_MASTER" ] || check_failed "K3S_URL is $url"
    [ "$last" = "$NEW_MASTER new-1" ] || check_failed "the k3s agent's last answer: $last"
    K3S_TEXT="K3S_URL $url (wave 1 restarted $restarted), $running, last answer from ${last##* } after the old apiservers stopped"
    say "$K3S_TEXT"

    pool=$(on_host "$KUBEKEY_HOST" sed -n 's/^ *server [^ ]* \([0-9.:]*\) .*/\1/p' /etc/kubekey/haproxy/haproxy.cfg | paste -sd, -)
    on_host "$KUBEKEY_HOST" haproxy -c -q -f /etc/kubekey/haproxy/haproxy.cfg || check_failed "haproxy -c refuses the KubeKey worker's haproxy.cfg"
    [ "$pool" = "$NEW_POOL" ] || check_failed "KubeKey's haproxy.cfg pool is $pool"
    stops=$(on_host "$KUBEKEY_HOST" grep -c '^crictl stop ' /run/crictl/calls || true)
    [ "${stops:-0}" -ge 2 ] || check_failed "the haproxy pod was stopped ${stops:-0} times through the runtime (waves 1 and 2 change its pool)"
    counts=$(python3 - "$WORK/load.json" "https://$(host_addr "$KUBEKEY_HOST"):6443/healthz" <<'PY'
import json, sys
s, url = json.load(open(sys.argv[1])), sys.argv[2]
answered = sum(s["answers"].get(url, {}).values())
failed = sum(f["kind"] == "lb" and f["detail"].startswith(url + ":") for f in s["failures"])
print(answered + failed, failed)
PY
)
    [ "${counts#* }" = 0 ] || check_failed "${counts#* } requests through the KubeKey worker's haproxy failed"
    KUBEKEY_TEXT="haproxy.cfg pool $pool (haproxy -c ok), haproxy pod restarted $stops times through crictl, ${counts#* } failed of ${counts% *} requests through it"
    say "$KUBEKEY_TEXT"
}
