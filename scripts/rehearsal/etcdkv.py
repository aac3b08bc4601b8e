#!/usr/bin/env python3
"""Seeds and checks keys in etcd through its v3 JSON gateway (one keep-alive connection, so a
few thousand keys take seconds, not the minutes of one etcdctl process per key).

    etcdkv.py seed ENDPOINT PREFIX COUNT     put PREFIX00000..: value-N
    etcdkv.py verify ENDPOINTS PREFIX COUNT  prints "present N missing M wrong W" (exit 1 unless all present and right)
"""
import base64
import http.client
import json
import sys
from urllib.parse import urlsplit


def b64(text):
    return base64.b64encode(text.encode()).decode()


def unb64(text):
    return base64.b64decode(text).decode()


class Client:
    def __init__(self, endpoint):
        parts = urlsplit(endpoint)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)

    def call(self, path, body):
        self.connection.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
        response = self.connection.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}: {data[:200]!r}")
        return json.loads(data)


def key(prefix, index):
    return f"{prefix}{index:06d}"


def seed(endpoint, prefix, count):
    client = Client(endpoint)
    for index in range(count):
        client.call("/v3/kv/put", {"key": b64(key(prefix, index)), "value": b64(f"value-{index}")})
    print(f"seeded {count} keys under {prefix}")


def verify(endpoints, prefix, count):
    last = None
    for endpoint in endpoints.split(","):
        try:
            client = Client(endpoint)
            end = prefix[:-1] + chr(ord(prefix[-1]) + 1)
            found = {}
            start = prefix
            while True:
                reply = client.call("/v3/kv/range", {"key": b64(start), "range_end": b64(end), "limit": 1000})
                kvs = reply.get("kvs", [])
                for kv in kvs:
                    found[unb64(kv["key"])] = unb64(kv.get("value", ""))
                if not reply.get("more") or not kvs:
                    break
                start = unb64(kvs[-1]["key"]) + "\0"
            break
        except Exception as error:  # try the next endpoint
            last = error
    else:
        print(f"no endpoint of {endpoints} answered: {last}")
        return 1
    missing = sum(1 for i in range(count) if key(prefix, i) not in found)
    wrong = sum(1 for i in range(count) if found.get(key(prefix, i), f"value-{i}") != f"value-{i}")
    print(f"present {count - missing} missing {missing} wrong {wrong} (read from {endpoint})")
    return 0 if missing == 0 and wrong == 0 else 1


if __name__ == "__main__":
    command, endpoints, prefix, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    if command == "seed":
        seed(endpoints, prefix, count)
    else:
        sys.exit(verify(endpoints, prefix, count))
