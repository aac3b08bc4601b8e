# The end-of-switch checks of scripts/rehearse-migration.sh (sourced). Each sets summary
# variables; a failed check sets CHECKS_FAILED and says why, so the summary is printed in full.
CHECKS_FAILED=0
check_failed() { CHECKS_FAILED=$((CHECKS_FAILED + 1)); say "CHECK FAILED: $*"; }

verify_scenario1() {
    local line i addr answers kubeconfigs path servers

    step "verify: seeded keys on the new cluster"
    line=$(python3 "$HERE/rehearsal/etcdkv.py" verify "$NEW_ETCD_URLS" seed/ "$KEYS") || true
    say "$line"
    KEYS_PRESENT=$(echo "$line" | awk '{ print $2 }')
    KEYS_MISSING=$(echo "$line" | awk '{ print $4 }')
    KEYS_WRONG=$(echo "$line" | awk '{ print $6 }')
    local counted
    counted=$(ectl --endpoints="$NEW_ETCD_URLS" get seed/ --prefix --keys-only -w json | python3 -c 'import json,sys; print(json.load(sys.stdin).get("count", 0))')
    say "etcdctl get seed/ --prefix on the new members counts: $counted"
    [ "${KEYS_MISSING:-x}" = 0 ] && [ "${KEYS_WRONG:-x}" = 0 ] && [ "$counted" = "$KEYS" ] || check_failed "seeded keys: $line; etcdctl counted $counted"

    step "verify: node-reconfig detect --json on every host (fanout detect)"
    "$NODE_RECONFIG" fanout detect --hosts="$HOSTS_DIR/hosts" --ssh="$SSH" --remote-bin="$NODE_RECONFIG" \
        --report="$WORK/detect.json" -- "${LOCAL_FLAGS[@]}" >/dev/null 2>&1 || check_failed "fanout detect exited $?"
    python3 - "$WORK/detect.json" "$HOSTS_DIR/hosts" >"$WORK/detect.txt" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
order = [l.strip() for l in open(sys.argv[2]) if l.strip()]
old = ("10.70.", "10.72.")
stale, files = [], 0
for host in report["hosts"]:
    index = order.index(host["host"]) + 1
    for f in (host.get("output") or {}).get("files", []):
        values = [v["value"] for v in f.get("values", [])]
        if not values:
            continue
        files += 1
        if any(o in v for v in values for o in old):
            stale.append(f"host {index} {f['path']}: {' '.join(values)}")
        if f["kind"] == "kubeconfig":
            print(f"KUBECONFIG {index} {f['path']}")
print(f"FILES {files}")
print(f"STALE {len(stale)}")
for s in stale:
    print(f"STALE_FILE {s}")
EOF
    FILES_CHECKED=$(awk '$1 == "FILES" { print $2 }' "$WORK/detect.txt")
    FILES_OLD=$(awk '$1 == "STALE" { print $2 }' "$WORK/detect.txt")
    say "files holding control-plane values: ${FILES_CHECKED:-?}; naming an old address: ${FILES_OLD:-?}"
    grep '^STALE_FILE' "$WORK/detect.txt" | sed 's/^STALE_FILE/    old:/' || true
    [ "${FILES_OLD:-x}" = 0 ] && [ "${FILES_CHECKED:-0}" -gt 0 ] || check_failed "files on old addresses: ${FILES_OLD:-unknown}"

    step "verify: kubectl config view on every kubeconfig"
    KUBECONFIGS=0 KUBECONFIGS_OLD=0
    while read -r _ i path; do
        servers=$(on_host "$i" kubectl config view --kubeconfig="$path" -o 'jsonpath={.clusters[*].cluster.server}' 2>&1) || check_failed "kubectl on host $i $path: $servers"
        KUBECONFIGS=$((KUBECONFIGS + 1))
        case $servers in *10.72.*|*10.70.*) KUBECONFIGS_OLD=$((KUBECONFIGS_OLD + 1)); check_failed "host $i $path still names $servers" ;; esac
        say "host $i $path: $servers"
    done < <(grep '^KUBECONFIG' "$WORK/detect.txt")
    [ "$KUBECONFIGS" -gt 0 ] || check_failed "no kubeconfig found to check"

    step "verify: every LB (the nodes', the KubeKey worker's) serves only new apiservers (old ones are stopped)"
    LBS_OLD=0
    for i in "${LB_HOSTS[@]}"; do
        addr=$(host_addr "$i")
        answers=$(lb_answers "$addr" 12)
        say "host $i LB: $answers"
        case $answers in *old-*|*FAILED*|"") LBS_OLD=$((LBS_OLD + 1)); check_failed "host $i's LB answered $answers" ;; esac
    done

    step "verify: client requests during the switch"
    python3 - "$WORK/load.json" >"$WORK/load.txt" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
failed = s["lb_failures"] + s["etcd_write_failures"] + s["etcd_read_failures"]
print(f"FAILED {failed}")
print(f"TEXT {failed} failed of {s['lb_requests']} LB requests, {s['etcd_writes']} etcd writes, {s['etcd_reads']} etcd reads"
      f" (LB {s['lb_failures']}, etcd writes {s['etcd_write_failures']}, reads {s['etcd_read_failures']};"
      f" {s['etcd_failovers']} etcd requests moved to another member) in {s.get('elapsed', 0)} s")
for f in s["failures"][:20]:
    print(f"FAILURE at {f['t']}s during '{f['phase']}': {f['kind']}: {f['detail'][:300]}")
EOF
    LOAD_FAILED=$(awk '$1 == "FAILED" { print $2 }' "$WORK/load.txt")
    LOAD_TEXT=$(sed -n 's/^TEXT //p' "$WORK/load.txt")
    say "$LOAD_TEXT"
    grep '^FAILURE' "$WORK/load.txt" | sed 's/^/    /' || true
    [ "${LOAD_FAILED:-x}" = 0 ] || check_failed "$LOAD_FAILED client requests failed during the switch"
}

print_summary() {
    local total
    total=$(elapsed)
    printf '\n== summary\n'
    printf 'seeded keys on the new cluster: %s of %s present, %s missing, %s wrong\n' "${KEYS_PRESENT:-?}" "$KEYS" "${KEYS_MISSING:-?}" "${KEYS_WRONG:-?}"
    printf 'files on old addresses: %s of %s (detect --json on %s hosts); kubeconfigs on old addresses: %s of %s (kubectl config view)\n' \
        "${FILES_OLD:-?}" "${FILES_CHECKED:-?}" $((NODES + 7)) "${KUBECONFIGS_OLD:-?}" "${KUBECONFIGS:-?}"
    printf 'LBs serving old backends: %s of %s\n' "${LBS_OLD:-?}" "${#LB_HOSTS[@]}"
    printf 'failed client requests during the switch: %s\n' "${LOAD_TEXT:-?}"
    printf 'kubelet heartbeats on the new master (health gate, wave 1): %s\n' "${HEARTBEATS:-?}"
    printf 'calico: %s\n' "${CALICO_TEXT:-not run}"
    printf 'OpenShift 3.11: %s\n' "${OPENSHIFT_TEXT:-not run}"
    printf 'k3s agent: %s\n' "${K3S_TEXT:-not run}"
    printf 'KubeKey worker: %s\n' "${KUBEKEY_TEXT:-not run}"
    printf 'scenario 2: %s\n' "${SCENARIO2:-not run}"
    printf 'scenario 3: %s\n' "${SCENARIO3:-not run}"
    printf 'scenario 4: %s\n' "${SCENARIO4:-not run}"
    printf 'switch-over wall time: %s s; total wall time: %s s\n' "${SWITCH_SECONDS:-?}" "$total"
    if [ "$CHECKS_FAILED" -eq 0 ]; then
        echo "REHEARSAL PASSED"
    else
        echo "REHEARSAL FAILED: $CHECKS_FAILED check(s) failed (see CHECK FAILED above)"
        exit 1
    fi
}
