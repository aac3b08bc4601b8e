#!/usr/bin/env python3
"""A stand-in kube-apiserver for the migration rehearsal: answers GET /healthz (and /readyz,
/livez, /version) on ADDRESS:PORT with 200 and its id ("old-1", "new-2", ...), so a client
behind a load balancer can tell which backend answered.

    apiserver.py ADDRESS PORT ID
"""
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path.split("?")[0] in ("/healthz", "/readyz", "/livez", "/version"):
            body = (self.server.ident + "\n").encode()
            self.send_response(200)
        else:
            body = b"not found\n"
            self.send_response(404)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Apiserver-Id", self.server.ident)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    address, port, ident = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.allow_reuse_address = True
    server = ThreadingHTTPServer((address, port), Handler)
    server.ident = ident
    server.serve_forever()


if __name__ == "__main__":
    main()
