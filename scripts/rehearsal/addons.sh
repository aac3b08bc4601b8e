# The add-ons of scripts/rehearse-migration.sh (sourced; issue 16): calico on the kubeasz-style
# nodes (calicoctl.cfg, the CNI config and calico.env name the old etcd; a calico-node stand-in
# lives only while its etcd list answers), and an OpenShift 3.11-style master and node on two
# more hosts (master-config.yaml's etcdClientInfo.urls, the master's and node's kubeconfigs;
# master-api and master-controllers stand-ins that live only while their etcd list answers, and
# the node service). They switch in wave 1; after the old etcd is gone, every stand-in must
# still run and every list answer `etcdctl endpoint health`.

# The hosts: the OpenShift master and node come after the three etcd hosts.
OPENSHIFT_MASTER=$((NODES + 4))
OPENSHIFT_NODE=$((NODES + 5))
CALICO_NODES=()

# script_service I NAME SCRIPT: host I gets /run/services/NAME.run holding SCRIPT (written as
# it is, no shell in between), started now.
script_service() {
    local i=$1 name=$2 file=$WORK/service-$1-$2.run
    printf '#!/bin/sh\n%s\n' "$3" >"$file" && chmod 755 "$file"
    on_host "$i" sh -c "cp '$file' /run/services/$name.run && /etc/node-reconfig/service-cmd start $name"
}

# etcd_client_standin FILE SED: a stand-in for an etcd client (calico-node, the OpenShift master)
# that reads its etcd URLs from FILE when it starts (the lines SED prints, comma-joined) and
# lives while one of them answers.
etcd_client_standin() {
    printf '%s\n' "urls=\$(sed -n '$2' $1 | paste -sd, -)" \
        'exec sh -c "while ETCDCTL_API=3 etcdctl --endpoints=$urls --dial-timeout=2s --command-timeout=5s get probe >/dev/null 2>&1; do sleep 1; done"'
}

addons_setup() {
    local i master
    step "add-ons: calico on the kubeasz-style nodes; an OpenShift 3.11 master and node"
    for i in $(seq "$NODES"); do
        [ "${STYLES[(i - 1) % 5]}" = kubeasz ] || continue
        script_service "$i" calico-node "$(etcd_client_standin /etc/calico/calico.env 's/^ETCD_ENDPOINTS="\(.*\)"$/\1/p')"
        CALICO_NODES+=("$i")
        say "node $i: calico-node stand-in on $(on_host "$i" sed -n 's/^ETCD_ENDPOINTS=//p' /etc/calico/calico.env)"
    done
    for i in "$OPENSHIFT_MASTER" "$OPENSHIFT_NODE"; do
        "$HERE/rehearsal/pki.sh" "$PKI" client "node-$i" rehearsal-ca "system:node:node-$i" system:nodes
        install_service_cmd "$i"
    done
    openshift_tree "$OPENSHIFT_MASTER" openshift-master
    openshift_tree "$OPENSHIFT_NODE" openshift-node
    master=$(etcd_client_standin /etc/origin/master/master-config.yaml 's/^  - \(http.*\)$/\1/p')
    script_service "$OPENSHIFT_MASTER" master-api "$master"
    script_service "$OPENSHIFT_MASTER" master-controllers "$master"
    for i in "$OPENSHIFT_MASTER" "$OPENSHIFT_NODE"; do script_service "$i" atomic-openshift-node "exec sleep 100000"; done
    say "host $OPENSHIFT_MASTER $(host_addr "$OPENSHIFT_MASTER"): OpenShift master (master-api, master-controllers, atomic-openshift-node)"
    say "host $OPENSHIFT_NODE $(host_addr "$OPENSHIFT_NODE"): OpenShift node (atomic-openshift-node)"
    sed -n "${OPENSHIFT_MASTER}p;${OPENSHIFT_NODE}p" "$HOSTS_DIR/hosts" >"$WORK/openshift.txt"
}

# openshift_tree I STYLE: fixtures/rehearsal/STYLE on host I, its kubeconfigs holding the CA and
# the host's client certificate (OpenShift writes them into the kubeconfig).
openshift_tree() {
    install_tree "$1" "$REPO/fixtures/rehearsal/$2" "node-$1" -e "s|@CLIENT_CRT_DATA@|$(base64 -w0 "$PKI/node-$1.crt")|g" \
        -e "s|@CLIENT_KEY_DATA@|$(base64 -w0 "$PKI/node-$1.key")|g"
}

# Wave 1 for the OpenShift hosts: no load balancer of their own, so no pool flags and no LB probe.
addons_switch() {
    step "OpenShift hosts, wave 1: --master and --etcd to the new cluster"
    run_fanout openshift.json "$WORK/openshift.txt" -- --master="$NEW_MASTER" --etcd="$NEW_ETCD_URLS" \
        --service-cmd=/etc/node-reconfig/service-cmd --settle=2 --health-timeout=30 "${LOCAL_FLAGS[@]}"
    OPENSHIFT_RESTARTS=$(python3 - "$WORK/openshift.json" "$(host_addr "$OPENSHIFT_MASTER")" <<'PY'
import json, sys
report, master = json.load(open(sys.argv[1])), sys.argv[2]
out = []
for h in sorted(report["hosts"], key=lambda h: h["host"] != master):
    done = [s["name"] for s in (h.get("output") or {}).get("services", []) if s["result"] == "restarted"]
    out.append(("master" if h["host"] == master else "node") + " restarted " + ", ".join(done))
print("; ".join(out))
PY
)
    say "$OPENSHIFT_RESTARTS"
}

# healthy_count LIST: how many endpoints of LIST etcdctl finds healthy.
healthy_count() { ectl --endpoints="$1" endpoint health 2>&1 | grep -c 'is healthy' || true; }

# After the old etcd is gone: each list the add-ons hold, read by its own reader (PyYAML, json,
# sh), answers etcdctl; each stand-in still runs (it would have died with the old etcd).
verify_addons() {
    local i list count lists running service
    step "verify: calico and OpenShift lists answer etcdctl; their services outlived the old etcd"
    CALICO_TEXT="no kubeasz-style node"
    for i in "${CALICO_NODES[@]}"; do
        lists=""
        for list in "$(on_host "$i" python3 -c "import yaml; print(yaml.safe_load(open('/etc/calico/calicoctl.cfg'))['spec']['etcdEndpoints'])")" \
                    "$(on_host "$i" python3 -c "import json; print(json.load(open('/etc/cni/net.d/10-calico.conflist'))['plugins'][0]['etcd_endpoints'])")" \
                    "$(on_host "$i" sh -c '. /etc/calico/calico.env; echo "$ETCD_ENDPOINTS"')"; do
            count=$(healthy_count "$list")
            lists="$lists${lists:+, }$count of 3"
            [ "$list" = "$NEW_ETCD_URLS" ] && [ "$count" = 3 ] || check_failed "node $i: a calico list is $list ($count healthy)"
        done
        if on_host "$i" /etc/node-reconfig/service-cmd is-active calico-node; then running="calico-node running"
        else running="calico-node STOPPED"; check_failed "node $i: calico-node did not outlive the old etcd"; fi
        CALICO_TEXT="node $i: calicoctl.cfg, CNI config, calico.env on the new etcd (etcdctl endpoint health: $lists); $running"
        say "$CALICO_TEXT"
    done
    list=$(on_host "$OPENSHIFT_MASTER" python3 -c "import yaml; print(','.join(yaml.safe_load(open('/etc/origin/master/master-config.yaml'))['etcdClientInfo']['urls']))")
    count=$(healthy_count "$list")
    [ "$list" = "$NEW_ETCD_URLS" ] && [ "$count" = 3 ] || check_failed "master-config etcdClientInfo.urls is $list ($count healthy)"
    running=""
    for service in master-api master-controllers; do
        if on_host "$OPENSHIFT_MASTER" /etc/node-reconfig/service-cmd is-active "$service"; then running="$running${running:+, }$service"
        else check_failed "$service did not outlive the old etcd"; fi
    done
    OPENSHIFT_TEXT="$OPENSHIFT_RESTARTS; etcdClientInfo.urls $count of 3 healthy; running after the old etcd left: ${running:-none}"
    say "$OPENSHIFT_TEXT"
}
