#!/usr/bin/env python3
"""Writes a node root holding one generated file of growing size (for scaling.sh).

    gen.py KIND N ROOT      KIND: nginx | env | unit | kubeconfig
    gen.py nginx-bytes SIZE ROOT   (an nginx file of about SIZE bytes)

Prints the node-reconfig flags that rewrite it. The old control plane is 10.17.33.x.
"""
import os, sys

kind, n, root = sys.argv[1], int(sys.argv[2]), sys.argv[3]
SERVER = "        server 10.%d.%d.%d:6443 max_fails=3 fail_timeout=30s;\n"


def write(path, chunks):
    full = os.path.join(root, path.lstrip("/"))
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.writelines(chunks)


def ip(i):
    return (40 + i // 65536, (i // 256) % 256, i % 256)


if kind in ("nginx", "nginx-bytes"):
    if kind == "nginx-bytes":
        n = n // len(SERVER % ip(0))
    head = "user nginx;\nworker_processes auto;\n\nevents {\n    worker_connections 1024;\n}\n\nstream {\n    upstream kube_apiserver {\n        least_conn;\n"
    tail = "    }\n\n    server {\n        listen 127.0.0.1:6443;\n        proxy_pass kube_apiserver;\n    }\n}\n"
    write("/etc/nginx/nginx.conf", [head] + [SERVER % ip(i) for i in range(n)] + [tail])
    print("--apiservers=10.99.0.1:6443,10.99.0.2:6443,10.99.0.3:6443")
elif kind == "env":
    flags = " ".join("--feature-%d=value-%d" % (i, i) for i in range(n))
    write("/etc/sysconfig/kubelet", ["# generated\n", "KUBELET_ARGS=\"--api-servers=http://10.17.33.20:8080 %s\"\n" % flags,
                                     "KUBELET_OPTS='--max-pods=70'\n"])
    print("--master=https://10.17.40.20:6443")
elif kind == "unit":
    lines = ["  --flag-%d=value-%d \\\n" % (i, i) for i in range(n)]
    lines.insert(n // 2, "  --etcd-servers=http://10.17.33.21:4012,http://10.17.33.22:4012 \\\n")
    write("/etc/systemd/system/kube-apiserver.service",
          ["[Unit]\nDescription=Kubernetes API Server\n\n[Service]\nExecStart=/usr/local/bin/kube-apiserver \\\n"]
          + lines + ["  --v=2\nRestart=on-failure\n\n[Install]\nWantedBy=multi-user.target\n"])
    print("--etcd=http://10.17.40.21:4012,http://10.17.40.22:4012")
elif kind == "kubeconfig":
    clusters = ["- cluster:\n    certificate-authority: /etc/kubernetes/ssl/ca-%d.pem\n    server: https://10.%d.%d.%d:6443\n  name: c%d\n"
                % ((i,) + ip(i + 1) + (i,)) for i in range(n)]
    clusters.insert(n // 2, "- cluster:\n    certificate-authority: /etc/kubernetes/ssl/ca.pem\n    server: https://10.17.33.20:6443\n  name: old\n")
    contexts = ["- context:\n    cluster: c%d\n    user: u\n  name: ctx%d\n" % (i, i) for i in range(n)]
    write("/etc/kubernetes/kubelet.kubeconfig", ["apiVersion: v1\nclusters:\n"] + clusters + ["contexts:\n"] + contexts
          + ["current-context: ctx0\nkind: Config\npreferences: {}\nusers:\n- name: u\n  user:\n    client-certificate: /var/lib/kubelet/pki/c.pem\n"])
    print("--master=https://10.17.40.20:6443 --old-master=https://10.17.33.20:6443")
else:
    sys.exit("unknown kind " + kind)
