#!/usr/bin/env python3
"""The client load of the migration rehearsal. Every INTERVAL seconds, until SIGTERM:
  - GET /healthz through every node's local load balancer (a new connection each time), noting
    which apiserver answered;
  - one etcd write and one read of it, through the cluster's client URLs: like an etcd client,
    it stays on one endpoint and moves to the next when that one fails; a request fails only
    when no endpoint serves it.
Each failure is logged with the phase named in PHASE_FILE at that moment. Counts go to OUT (JSON)
every second and at exit.

    load.py OUT PHASE_FILE INTERVAL LB_URLS ETCD_URLS     (lists comma-separated)

An https LB URL is verified against the CA file in $REHEARSAL_CA (the control plane's CA).
"""
import base64
import http.client
import json
import os
import signal
import ssl
import sys
import time
from urllib.parse import urlsplit

out, phase_file, interval = sys.argv[1], sys.argv[2], float(sys.argv[3])
lbs = [u for u in sys.argv[4].split(",") if u]
etcd = [u for u in sys.argv[5].split(",") if u]
stats = {
    "lb_requests": 0, "lb_failures": 0, "etcd_writes": 0, "etcd_write_failures": 0,
    "etcd_reads": 0, "etcd_read_failures": 0, "etcd_failovers": 0,
    "answers": {u: {} for u in lbs}, "failures": [], "started": time.time(),
}
running = True


def phase():
    try:
        with open(phase_file) as f:
            return f.read().strip()
    except OSError:
        return "?"


def fail(kind, detail):
    if len(stats["failures"]) < 200:
        stats["failures"].append({"t": round(time.time() - stats["started"], 2), "phase": phase(), "kind": kind, "detail": detail})


TLS = ssl.create_default_context(cafile=os.environ["REHEARSAL_CA"]) if os.environ.get("REHEARSAL_CA") else None


def get(url, timeout=3.0):
    parts = urlsplit(url)
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=timeout, context=TLS)
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request("GET", parts.path or "/", headers={"Connection": "close"})
        response = conn.getresponse()
        return response.status, response.read().decode(errors="replace").strip()
    finally:
        conn.close()


def post(endpoint, path, body, timeout=2.0):
    parts = urlsplit(endpoint)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request("POST", path, json.dumps(body), {"Content-Type": "application/json", "Connection": "close"})
        response = conn.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status} {data[:120]!r}")
        return json.loads(data)
    finally:
        conn.close()


pinned = 0


def etcd_call(path, body):
    """Like clientv3: the pinned endpoint first, then the others; raises when none serves."""
    global pinned
    errors = []
    for step in range(len(etcd)):
        index = (pinned + step) % len(etcd)
        try:
            reply = post(etcd[index], path, body)
            if step:
                stats["etcd_failovers"] += 1
                pinned = index
            return reply
        except Exception as error:
            errors.append(f"{etcd[index]}: {error}")
    raise RuntimeError("; ".join(errors))


def b64(text):
    return base64.b64encode(text.encode()).decode()


def write_stats():
    stats["elapsed"] = round(time.time() - stats["started"], 1)
    with open(out + ".tmp", "w") as f:
        json.dump(stats, f, indent=1)
    import os
    os.replace(out + ".tmp", out)


def stop(*_):
    global running
    running = False


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
# A parent may have started us with these blocked (test runners do): a blocked SIGTERM would
# never stop the loop.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
sequence, last_write = 0, 0.0
while running:
    tick = time.time()
    for url in lbs:
        stats["lb_requests"] += 1
        try:
            status, body = get(url)
            if status != 200:
                raise RuntimeError(f"HTTP {status}")
            answers = stats["answers"][url]
            answers[body] = answers.get(body, 0) + 1
        except Exception as error:
            stats["lb_failures"] += 1
            fail("lb", f"{url}: {error}")
    if etcd:
        sequence += 1
        key, value = b64(f"load/{sequence:07d}"), b64(f"v{sequence}")
        stats["etcd_writes"] += 1
        try:
            etcd_call("/v3/kv/put", {"key": key, "value": value})
            stats["etcd_reads"] += 1
            try:
                reply = etcd_call("/v3/kv/range", {"key": key})
                kvs = reply.get("kvs", [])
                if not kvs or kvs[0].get("value") != value:
                    raise RuntimeError(f"read back {kvs!r}")
            except Exception as error:
                stats["etcd_read_failures"] += 1
                fail("etcd-read", str(error))
        except Exception as error:
            stats["etcd_write_failures"] += 1
            fail("etcd-write", str(error))
    if tick - last_write >= 1:
        write_stats()
        last_write = tick
    time.sleep(max(0.0, interval - (time.time() - tick)))
write_stats()
