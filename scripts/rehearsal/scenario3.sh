# Scenarios 3 and 4 of scripts/rehearse-migration.sh (sourced).
#
# 3: a new apiserver (10.73.0.5) comes up with a certificate issued for new-1's names, not its
#    own address, as runbooks that re-issue certificates for new IPs sometimes forget one. A
#    fanout to every node with --master (and the pool) naming it must be refused on every node
#    by the preflight, with the certificate's names in the message, and no node's files change.
# 4: a new apiserver (10.73.0.6) whose certificate is right but that takes no Lease renewal from
#    nodes (an authorizer without the Node rules): the preflight cannot see that. Node 1 (kubeadm
#    style, its kubelet stand-in running) is switched to it; kubelet restarts, stays active, and
#    its heartbeat never reaches the new master: the health gate must roll node 1 back.

# fleet_digest: one sha256 per node over every file under /etc, /var/lib/kubelet and
# /var/lib/kube-proxy (what node-reconfig could touch), a line per node.
fleet_digest() {
    local i
    for i in $(seq "$NODES"); do
        printf '%s %s\n' "$i" "$(on_host "$i" sh -c 'find /etc /var/lib/kubelet /var/lib/kube-proxy -type f 2>/dev/null | sort | xargs sha256sum' | sha256sum | cut -c1-16)"
    done
}

scenario3() {
    local before after code=0 verdict pool
    step "scenario 3: new-5's certificate lacks its address; every node must refuse before any change"
    apiserver 10.73.0.5 new-5
    wait_for 10 "apiserver new-5 answering" curl -sf -k https://10.73.0.5:6443/healthz
    before=$(fleet_digest)
    pool=$(join , "" :6443 10.73.0.1 10.73.0.2 10.73.0.5)
    fanout scenario3.json "$WORK/nodes.txt" -- --master=https://10.73.0.5:6443 --apiservers="$pool" "${NODE_FLAGS[@]}" >"$WORK/scenario3.table" || code=$?
    sed 's/^/    /' "$WORK/scenario3.table"
    after=$(fleet_digest)
    verdict=$(python3 - "$WORK/scenario3.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
problems = []
names = "is not in the certificate's names: 10.73.0.1, kubernetes, kubernetes.default; re-issue the apiserver certificate with it"
for h in report["hosts"]:
    if h["result"] != "failed" or h["exit_code"] != 1:
        problems.append(f"{h['host']}: {h['result']} (exit {h['exit_code']}), expected failed (exit 1)")
    if "preflight failed; nothing was changed." not in h["message"] or names not in h["message"]:
        problems.append(f"{h['host']}: the message does not give the certificate's names: {h['message'][:300]}")
if report["succeeded"] or len(report["hosts"]) == 0:
    problems.append(f"succeeded {report['succeeded']}")
print("; ".join(problems) if problems else "ok")
PY
)
    [ "$code" -eq 3 ] || check_failed "scenario 3: fanout exited $code, expected 3"
    [ "$verdict" = ok ] || check_failed "scenario 3 report: $verdict"
    [ "$before" = "$after" ] || check_failed "scenario 3: files changed on a node: $(diff <(echo "$before") <(echo "$after") | tr '\n' ' ')"
    say "node 1 said: $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["hosts"][0]["message"].splitlines()[1].strip())' "$WORK/scenario3.json")"
    kill "$(cat "$WORK/api-new-5.pid")"
    SCENARIO3="every host refused by the preflight ($(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sum(h["result"] == "failed" and h["exit_code"] == 1 for h in r["hosts"]), "of", len(r["hosts"]))' "$WORK/scenario3.json") failed with exit 1), fleet untouched ($([ "$before" = "$after" ] && echo "$NODES of $NODES" || echo "NOT all") nodes' files identical), fanout exit $code"
}

scenario4() {
    local before after code=0 verdict pool
    step "scenario 4: node 1 moves to new-6, which takes no Lease renewal; the heartbeat gate must roll it back"
    apiserver 10.73.0.6 new-6 --read-only
    wait_for 10 "apiserver new-6 answering" curl -sf --cacert "$REHEARSAL_CA" https://10.73.0.6:6443/healthz
    head -n 1 "$WORK/nodes.txt" >"$WORK/node1.txt"
    before=$(on_host 1 sha256sum /etc/kubernetes/kubelet.conf | cut -d' ' -f1)
    pool=$(join , "" :6443 10.73.0.1 10.73.0.2 10.73.0.4)
    fanout scenario4.json "$WORK/node1.txt" -- --master=https://10.73.0.6:6443 --apiservers="$pool" \
        --service-cmd=/etc/node-reconfig/service-cmd --settle=1 --health-timeout=6 "${LOCAL_FLAGS[@]}" >"$WORK/scenario4.table" || code=$?
    sed 's/^/    /' "$WORK/scenario4.table"
    after=$(on_host 1 sha256sum /etc/kubernetes/kubelet.conf | cut -d' ' -f1)
    verdict=$(python3 - "$WORK/scenario4.json" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))["hosts"][0]
text = h["message"] + "\n" + h["stderr"]
problems = []
if h["result"] != "rolled-back" or h["exit_code"] != 3:
    problems.append(f"{h['result']} (exit {h['exit_code']}), expected rolled-back (exit 3)")
if "kubelet's heartbeat (node node-1) did not reach https://10.73.0.6:6443 within 6 s of its restart: the Lease kube-node-lease/node-1 was last renewed at" not in text:
    problems.append(f"the message does not say the heartbeat did not reach new-6: {h['message'][:300]}")
if "Rollback finished" not in text:
    problems.append("no 'Rollback finished'")
print("; ".join(problems) if problems else "ok")
PY
)
    [ "$code" -eq 3 ] || check_failed "scenario 4: fanout exited $code, expected 3"
    [ "$verdict" = ok ] || check_failed "scenario 4 report: $verdict"
    [ "$before" = "$after" ] || check_failed "scenario 4: node 1's kubelet.conf changed"
    on_host 1 /etc/node-reconfig/service-cmd is-active kubelet || check_failed "scenario 4: node 1's kubelet is not running after the rollback"
    say "node 1 report: $(python3 -c 'import json,sys; h=json.load(open(sys.argv[1]))["hosts"][0]; print(h["result"], "-", h["message"][:300])' "$WORK/scenario4.json")"
    kill "$(cat "$WORK/api-new-6.pid")"
    SCENARIO4="node 1 rolled-back by the heartbeat gate (Rollback finished, kubelet.conf $([ "$before" = "$after" ] && echo unchanged || echo CHANGED), kubelet running), fanout exit $code"
}
