#!/bin/bash
# The demo node's switch-over with augtool where its lenses can (Shellvars for the three env
# files, Nginx for kube-lb.conf; -b keeps .augsave backups). Augeas cannot parse the other two:
# its Yaml lens refuses a kubeconfig and its Systemd lens refuses a comment inside a `\`
# continuation, so those two are done with sed (cp backup), as an operator would. Usage: augtool.sh ROOT
set -eu
ROOT=$1
augtool -b -r "$ROOT" -A \
    -t "Shellvars.lns incl /etc/kubernetes/config" \
    -t "Shellvars.lns incl /etc/sysconfig/kubelet" \
    -t "Shellvars.lns incl /etc/sysconfig/flanneld" \
    -t "Nginx.lns incl /etc/kube-lb/conf/kube-lb.conf" >/dev/null <<'AUG'
set /files/etc/kubernetes/config/KUBE_MASTER '"--master=https://10.17.40.20:6443"'
set /files/etc/sysconfig/kubelet/API_SERVERS "'--api-servers=https://10.17.40.20:6443'"
set /files/etc/sysconfig/flanneld/FLANNEL_ETCD '"http://10.17.40.21:4012,http://10.17.40.22:4012,http://10.17.40.23:4012"'
set /files/etc/kube-lb/conf/kube-lb.conf/stream/upstream[#name='backend']/@server[1]/@address 10.17.40.20:6443
rm /files/etc/kube-lb/conf/kube-lb.conf/stream/upstream[#name='backend']/@server[position() > 1]
save
AUG
for f in etc/kubernetes/kubelet.kubeconfig etc/systemd/system/kube-apiserver.service; do cp -p "$ROOT/$f" "$ROOT/$f.bak"; done
sed -i "s#^\(    server: \)https\?://[^ ]*#\1https://10.17.40.20:6443#" "$ROOT/etc/kubernetes/kubelet.kubeconfig"
sed -i "s#^\(  --etcd-servers=\)[^ ]*#\1http://10.17.40.21:4012,http://10.17.40.22:4012,http://10.17.40.23:4012#" \
    "$ROOT/etc/systemd/system/kube-apiserver.service"
