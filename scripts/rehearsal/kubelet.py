#!/usr/bin/env python3
"""A STAND-IN for kubelet's heartbeat (there is no kubelet binary on the test machines): it reads
kubelet's kubeconfig once at start, as kubelet does (server, certificate-authority(-data),
client-certificate(-data), client-key(-data)), and then every INTERVAL seconds renews its node's
Lease the way kubelet does, PUT /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/
NODE with spec.renewTime = now (a MicroTime); on a server without the Lease API (404) it posts
its Node's Ready heartbeat instead (PATCH /api/v1/nodes/NODE/status), as kubelets before 1.13
did. The server's certificate is verified against the kubeconfig's CA and the server's host,
as kubelet verifies it; a failure is logged ("x509: ...") and the process keeps running, like a
kubelet that cannot reach its master but whose unit stays active.

    kubelet.py --kubeconfig FILE --hostname-override NODE [--root DIR] [--interval SECONDS]

--root DIR is prefixed to the absolute paths the kubeconfig names (a node under --root).
"""
import argparse
import base64
import http.client
import json
import os
import signal
import ssl
import sys
import tempfile
import time
from urllib.parse import urlsplit


def read_kubeconfig(path):
    """The first value of each key we need (the block-YAML kubeconfigs the tests write)."""
    wanted = {"server", "certificate-authority", "certificate-authority-data", "client-certificate",
              "client-certificate-data", "client-key", "client-key-data"}
    found = {}
    with open(path) as f:
        for line in f:
            key, _, value = line.strip().partition(":")
            if key in wanted and key not in found and value.strip():
                found[key] = value.strip().strip('"').strip("'")
    return found


def material(config, key, root, scratch):
    if key + "-data" in config:
        path = os.path.join(scratch, key)
        with open(path, "wb") as f:
            f.write(base64.b64decode(config[key + "-data"]))
        return path
    if key in config:
        return root + config[key] if config[key].startswith("/") else config[key]
    return None


def main():
    parser = argparse.ArgumentParser(description="kubelet heartbeat stand-in")
    parser.add_argument("--kubeconfig", required=True)
    parser.add_argument("--hostname-override", required=True)
    parser.add_argument("--root", default="")
    parser.add_argument("--interval", type=float, default=0.5)
    options = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    config = read_kubeconfig(options.kubeconfig)
    scratch = tempfile.mkdtemp(prefix="kubelet-standin-")
    server = urlsplit(config["server"])
    context = None
    if server.scheme == "https":
        context = ssl.create_default_context(cafile=material(config, "certificate-authority", options.root, scratch))
        cert = material(config, "client-certificate", options.root, scratch)
        if cert:
            context.load_cert_chain(cert, material(config, "client-key", options.root, scratch))
    node = options.hostname_override.lower()
    lease_path = "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/" + node
    print(f"kubelet stand-in: node {node}, server {config['server']}", file=sys.stderr, flush=True)
    last_error = None
    while True:
        try:
            if server.scheme == "https":
                conn = http.client.HTTPSConnection(server.hostname, server.port or 443, timeout=3, context=context)
            else:
                conn = http.client.HTTPConnection(server.hostname, server.port or 80, timeout=3)
            t = time.time()
            stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + ".%06dZ" % int((t % 1) * 1e6)
            lease = {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                     "metadata": {"name": node, "namespace": "kube-node-lease"},
                     "spec": {"holderIdentity": node, "leaseDurationSeconds": 40, "renewTime": stamp}}
            conn.request("PUT", lease_path, json.dumps(lease), {"Content-Type": "application/json"})
            response = conn.getresponse()
            body = response.read()
            if response.status == 404:
                conn.request("PATCH", "/api/v1/nodes/" + node + "/status",
                             json.dumps({"status": {"conditions": [{"type": "Ready", "status": "True"}]}}),
                             {"Content-Type": "application/strategic-merge-patch+json"})
                response = conn.getresponse()
                body = response.read()
            conn.close()
            error = None if response.status < 300 else f"heartbeat: HTTP {response.status} {body[:200]!r}"
        except ssl.SSLCertVerificationError as e:
            error = f"x509: {e.verify_message}"
        except (OSError, http.client.HTTPException) as e:
            error = f"heartbeat: {e}"
        if error and error != last_error:
            print(f"kubelet stand-in: {error}", file=sys.stderr, flush=True)
        last_error = error
        time.sleep(options.interval)


if __name__ == "__main__":
    main()
