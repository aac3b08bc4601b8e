#!/usr/bin/env python3
"""A STAND-IN for kube-apiserver (there is no kube-apiserver binary on the test machines). It
serves the real API paths that node-reconfig and the rehearsal read, with the real payload
shapes, from one small process:

  GET /healthz /readyz /livez      200, body: this server's ID ("old-1", "new-2", ...), so a
                                   client behind a load balancer can tell which backend answered
  GET /version                     the version object (major, minor, gitVersion, ...)
  GET|PUT /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/NAME
                                   the node's Lease (spec.holderIdentity, leaseDurationSeconds,
                                   renewTime as a MicroTime); PUT creates or replaces it
  GET /api/v1/nodes/NAME           the Node, status.conditions[type=Ready].lastHeartbeatTime
  PATCH|PUT /api/v1/nodes/NAME/status   a heartbeat for clusters without leases
  anything else                    404 with a Status object, as the real server answers

    apiserver.py ADDRESS PORT ID [--cert FILE --key FILE [--client-ca FILE]]
                 [--state DIR] [--deny-clients] [--read-only] [--no-leases]

Without --cert it speaks plain HTTP (an insecure port). With --client-ca, client certificates
signed by that CA are requested and verified (a certificate from another CA fails the TLS
handshake, as etcd does; kube-apiserver would answer 401: --deny-clients gives that answer);
the user is the certificate's CN, and a request without one is system:anonymous, which may read
/healthz, /readyz, /livez and /version only (403 otherwise, as RBAC's defaults say).
--deny-clients answers 401 Unauthorized to every request (an apiserver whose --client-ca-file
does not trust the node's CA). --read-only answers 403 to every write (nodes may not update
their Lease or status: an authorizer that lacks the Node rules). --no-leases serves no
coordination.k8s.io API (404, as before Kubernetes 1.13). --state DIR keeps Leases and Nodes in
files shared by every stand-in of one control plane (as etcd is shared by real apiservers).
"""
import argparse
import json
import os
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LEASES = "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/"
NODES = "/api/v1/nodes/"
PUBLIC = ("/healthz", "/readyz", "/livez", "/version")


def now_micro():
    t = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + ".%06dZ" % int((t % 1) * 1e6)


def status(code, reason, message, details=None):
    body = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
            "message": message, "reason": reason, "code": code}
    if details:
        body["details"] = details
    return code, body


class Store:
    """Objects by kind and name: in memory, or as files under --state (shared by processes)."""

    def __init__(self, directory):
        self.directory = directory
        self.memory = {}
        self.lock = threading.Lock()

    def path(self, kind, name):
        return os.path.join(self.directory, kind, name + ".json")

    def get(self, kind, name):
        with self.lock:
            if not self.directory:
                return self.memory.get((kind, name))
            try:
                with open(self.path(kind, name)) as f:
                    return json.load(f)
            except (OSError, ValueError):
                return None

    def put(self, kind, name, obj):
        with self.lock:
            if not self.directory:
                self.memory[(kind, name)] = obj
                return
            os.makedirs(os.path.join(self.directory, kind), exist_ok=True)
            tmp = self.path(kind, name) + ".%d.tmp" % threading.get_ident()
            with open(tmp, "w") as f:
                json.dump(obj, f)
            os.replace(tmp, self.path(kind, name))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # TCP_NODELAY, as Go's servers set it: headers and body are two writes, and Nagle's
    # algorithm with a delayed ACK would hold the body back 40 ms.
    disable_nagle_algorithm = True

    def user(self):
        try:
            cert = self.connection.getpeercert()
        except (AttributeError, ValueError):
            cert = None
        for rdn in (cert or {}).get("subject", ()):
            for key, value in rdn:
                if key == "commonName":
                    return value
        return "system:anonymous"

    def reply(self, code, body, content_type="application/json"):
        data = (json.dumps(body) if content_type == "application/json" else body).encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Apiserver-Id", self.server.ident)
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(length) if length else b""
        try:
            return json.loads(data or b"{}")
        except ValueError:
            return {}

    def handle_any(self, method):
        # The body is read whatever the answer: left unread, it would be taken for the next
        # request on a kept-alive connection.
        self.sent = self.body() if method != "GET" else {}
        path = self.path.split("?")[0]
        options = self.server.options
        if options.deny_clients:
            return self.reply(*status(401, "Unauthorized", "Unauthorized"))
        if method == "GET" and path in ("/healthz", "/readyz", "/livez"):
            return self.reply(200, self.server.ident + "\n", "text/plain")
        if method == "GET" and path == "/version":
            return self.reply(200, {"major": "1", "minor": "28", "gitVersion": "v1.28.15-standin." + self.server.ident,
                                    "gitCommit": "0000000000000000000000000000000000000000", "gitTreeState": "clean",
                                    "buildDate": "2024-10-22T20:26:38Z", "goVersion": "go1.22.8", "compiler": "gc",
                                    "platform": "linux/amd64"})
        user = self.user()
        if path.startswith(LEASES) and not options.no_leases:
            name = path[len(LEASES):]
            return self.reply(*self.lease(method, name, user))
        if path.startswith(NODES):
            rest = path[len(NODES):].split("/")
            return self.reply(*self.node(method, rest[0], rest[1:], user))
        return self.reply(*status(404, "NotFound", "the server could not find the requested resource"))

    def forbidden(self, user, verb, resource, group, name, namespace=None):
        where = f' in the namespace "{namespace}"' if namespace else " at the cluster scope"
        group_text = f'in API group "{group}"'
        return status(403, "Forbidden", f'{resource}{"." + group if group else ""} "{name}" is forbidden: User "{user}" cannot {verb} '
                      f'resource "{resource}" {group_text}{where}', {"name": name, "group": group, "kind": resource})

    def lease(self, method, name, user):
        group = "coordination.k8s.io"
        verb = {"GET": "get", "PUT": "update"}.get(method)
        if verb is None:
            return status(405, "MethodNotAllowed", f"the server does not allow this method on the requested resource")
        if user == "system:anonymous" or (verb == "update" and self.server.options.read_only):
            return self.forbidden(user, verb, "leases", group, name, "kube-node-lease")
        store = self.server.store
        if method == "GET":
            lease = store.get("leases", name)
            if lease is None:
                return status(404, "NotFound", f'leases.{group} "{name}" not found', {"name": name, "group": group, "kind": "leases"})
            return 200, lease
        sent = self.sent
        old = store.get("leases", name) or {}
        version = int(old.get("metadata", {}).get("resourceVersion", "0")) + 1
        lease = {"kind": "Lease", "apiVersion": "coordination.k8s.io/v1",
                 "metadata": {"name": name, "namespace": "kube-node-lease", "resourceVersion": str(version),
                              "creationTimestamp": old.get("metadata", {}).get("creationTimestamp", now_micro()[:19] + "Z"),
                              "ownerReferences": [{"apiVersion": "v1", "kind": "Node", "name": name}]},
                 "spec": {"holderIdentity": name, "leaseDurationSeconds": 40,
                          "renewTime": sent.get("spec", {}).get("renewTime") or now_micro()}}
        store.put("leases", name, lease)
        return 200, lease

    def node(self, method, name, rest, user):
        verb = {"GET": "get", "PUT": "update", "PATCH": "patch"}.get(method)
        if verb is None or (rest not in ([], ["status"])) or (verb != "get" and rest != ["status"]):
            return status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource")
        if user == "system:anonymous" or (verb != "get" and self.server.options.read_only):
            return self.forbidden(user, verb, "nodes" + ("/status" if rest else ""), "", name)
        store = self.server.store
        node = store.get("nodes", name)
        if method == "GET":
            if node is None:
                return status(404, "NotFound", f'nodes "{name}" not found', {"name": name, "kind": "nodes"})
            return 200, node
        beat = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        node = node or {"kind": "Node", "apiVersion": "v1", "metadata": {"name": name, "resourceVersion": "0"},
                        "status": {"conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": beat}]}}
        for condition in node["status"]["conditions"]:
            if condition["type"] == "Ready":
                condition.update({"status": "True", "lastHeartbeatTime": beat, "reason": "KubeletReady",
                                  "message": "kubelet is posting ready status"})
        node["metadata"]["resourceVersion"] = str(int(node["metadata"].get("resourceVersion", "0")) + 1)
        store.put("nodes", name, node)
        return 200, node

    def do_GET(self):
        self.handle_any("GET")

    def do_PUT(self):
        self.handle_any("PUT")

    def do_PATCH(self):
        self.handle_any("PATCH")

    def do_POST(self):
        self.handle_any("POST")

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def get_request(self):
        sock, address = super().get_request()
        if self.tls is not None:
            # The handshake runs in the request's thread (on first read), not in the accept loop.
            sock = self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, address

    def handle_error(self, request, client_address):
        pass  # a client that hangs up or fails the handshake is not the server's problem


def main():
    parser = argparse.ArgumentParser(description="kube-apiserver stand-in")
    parser.add_argument("address")
    parser.add_argument("port", type=int)
    parser.add_argument("ident")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--client-ca")
    parser.add_argument("--state")
    parser.add_argument("--deny-clients", action="store_true")
    parser.add_argument("--read-only", action="store_true")
    parser.add_argument("--no-leases", action="store_true")
    options = parser.parse_args()
    server = Server((options.address, options.port), Handler)
    server.ident, server.options, server.store = options.ident, options, Store(options.state)
    server.tls = None
    if options.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(options.cert, options.key)
        if options.client_ca:
            context.load_verify_locations(options.client_ca)
            context.verify_mode = ssl.CERT_OPTIONAL
        server.tls = context
    server.serve_forever()


if __name__ == "__main__":
    main()
