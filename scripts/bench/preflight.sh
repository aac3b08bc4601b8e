#!/bin/bash
# Part 5: what the preflight adds to a per-node apply when every target answers.
#   scripts/bench/preflight.sh
# A node root (kubelet's kubeconfig with the cluster CA and a client certificate as files, a
# kube-proxy kubeconfig with them inline, flanneld's FLANNEL_ETCD) moves to a new master (the
# kube-apiserver stand-in, TLS, client certificates) and a new 3-member etcd (real etcd, plain
# http): hyperfine times `apply --no-restart` with and without --skip-preflight on fresh copies,
# in rounds, and prints the medians and their difference. The preflight's checks run in
# parallel: the TLS handshake and /version on the master (openssl, curl), /health and the member
# list on each etcd member (curl), then the cross-checks.
. "$(dirname "$0")/lib.sh"
need hyperfine etcd curl openssl python3
ROUNDS=${ROUNDS:-6} RUNS=${RUNS:-5}
PKI=$WORK/pki
"$REPO/scripts/rehearsal/pki.sh" "$PKI" ca cluster-ca
"$REPO/scripts/rehearsal/pki.sh" "$PKI" server api cluster-ca "IP:127.0.0.1"
"$REPO/scripts/rehearsal/pki.sh" "$PKI" client node cluster-ca system:node:bench system:nodes
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
API=$(port)
python3 "$REPO/scripts/rehearsal/apiserver.py" 127.0.0.1 "$API" bench --cert "$PKI/api.crt" --key "$PKI/api.key" --client-ca "$PKI/cluster-ca.crt" &
PIDS=$!
CLUSTER="" URLS=""
for n in 1 2 3; do
    c=$(port) p=$(port)
    CLIENT[n]=$c PEER[n]=$p
    CLUSTER="$CLUSTER${CLUSTER:+,}bench-$n=http://127.0.0.1:$p"
    URLS="$URLS${URLS:+,}http://127.0.0.1:$c"
done
for n in 1 2 3; do
    etcd --name "bench-$n" --data-dir "$WORK/etcd-$n" --log-level error --listen-client-urls "http://127.0.0.1:${CLIENT[n]}" \
        --advertise-client-urls "http://127.0.0.1:${CLIENT[n]}" --listen-peer-urls "http://127.0.0.1:${PEER[n]}" \
        --initial-advertise-peer-urls "http://127.0.0.1:${PEER[n]}" --initial-cluster "$CLUSTER" --initial-cluster-token bench >"$WORK/etcd-$n.log" 2>&1 &
    PIDS="$PIDS $!"
done
trap 'kill $PIDS 2>/dev/null; rm -rf "$WORK"' EXIT
for u in $(echo "$URLS" | tr , ' '); do
    for k in $(seq 100); do curl -sf "$u/health" >/dev/null && break; sleep 0.2; done
done
curl -sf --cacert "$PKI/cluster-ca.crt" "https://127.0.0.1:$API/version" >/dev/null || { echo "the apiserver stand-in does not answer" >&2; exit 1; }

NODE=$WORK/node
mkdir -p "$NODE/etc/kubernetes/ssl" "$NODE/etc/sysconfig"
cp "$PKI/cluster-ca.crt" "$NODE/etc/kubernetes/ssl/ca.pem"
cp "$PKI/node.crt" "$NODE/etc/kubernetes/ssl/kubelet.pem"
cp "$PKI/node.key" "$NODE/etc/kubernetes/ssl/kubelet-key.pem"
kubeconfig() { # SERVER CLUSTER-LINE USER-LINES
    printf 'apiVersion: v1\nclusters:\n- cluster:\n    %s\n    server: %s\n  name: c\ncontexts:\n- context:\n    cluster: c\n    user: u\n  name: d\ncurrent-context: d\nkind: Config\nusers:\n- name: u\n  user:\n%s\n' "$2" "$1" "$3"
}
kubeconfig https://10.17.33.20:6443 "certificate-authority: /etc/kubernetes/ssl/ca.pem" \
    "    client-certificate: /etc/kubernetes/ssl/kubelet.pem
    client-key: /etc/kubernetes/ssl/kubelet-key.pem" >"$NODE/etc/kubernetes/kubelet.kubeconfig"
kubeconfig https://10.17.33.20:6443 "certificate-authority-data: $(base64 -w0 "$PKI/cluster-ca.crt")" \
    "    client-certificate-data: $(base64 -w0 "$PKI/node.crt")
    client-key-data: $(base64 -w0 "$PKI/node.key")" >"$NODE/etc/kubernetes/kube-proxy.kubeconfig"
printf 'FLANNEL_ETCD="http://10.17.33.21:2379,http://10.17.33.22:2379,http://10.17.33.23:2379"\nFLANNEL_ETCD_KEY="/coreos.com/network"\n' >"$NODE/etc/sysconfig/flanneld"

W=$WORK/root
FLAGS="--no-restart --master=https://127.0.0.1:$API --etcd=$URLS"
PREP="bash -c 'rm -rf $W && cp -a $NODE $W'"
# The checks must pass (exit 0) before anything is timed.
eval "$PREP"
"$BIN" apply --root "$W" $FLAGS >/dev/null || { echo "apply with the preflight did not succeed" >&2; exit 1; }
echo "== preflight: apply --no-restart of a 3-file node, new master (TLS) and 3 etcd members, with and without the checks"
for round in $(seq "$ROUNDS"); do
    hyperfine -N --style none --warmup 1 --prepare "$PREP" --runs "$RUNS" \
        -n skip-preflight "$BIN apply --root $W --skip-preflight $FLAGS" \
        -n preflight "$BIN apply --root $W $FLAGS" \
        --export-json "$WORK/preflight-$round.json" >/dev/null 2>&1
done
python3 "$BENCH/merge.py" "$WORK"/preflight-*.json >"$WORK/all.json"
python3 - "$WORK/all.json" <<'PY'
import json, statistics, sys
results = {r["command"]: r["times"] for r in json.load(open(sys.argv[1]))["results"]}
skip, checked = statistics.median(results["skip-preflight"]), statistics.median(results["preflight"])
print(f"  {'command':<16} {'median ms':>10} {'runs':>5}")
for name in ("skip-preflight", "preflight"):
    print(f"  {name:<16} {statistics.median(results[name]) * 1000:>10.2f} {len(results[name]):>5}")
added = (checked - skip) * 1000
print(f"  the preflight adds {added:.1f} ms (goal < 150 ms): {'MET' if added < 150 else 'NOT MET'}")
PY
