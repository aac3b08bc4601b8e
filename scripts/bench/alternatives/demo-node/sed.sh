#!/bin/bash
# The demo node's switch-over the way DomeOS's update_node_configs.sh did it: cp backups, then
# one `sed -i` per file. No parsing, no fsync, no manifest. Usage: sed.sh ROOT
set -eu
ROOT=$1
MASTER=https://10.17.40.20:6443
MASTER_HOSTPORT=10.17.40.20:6443
ETCD=http://10.17.40.21:4012,http://10.17.40.22:4012,http://10.17.40.23:4012
FILES="etc/kubernetes/kubelet.kubeconfig etc/kubernetes/config etc/sysconfig/kubelet etc/sysconfig/flanneld
       etc/kube-lb/conf/kube-lb.conf etc/systemd/system/kube-apiserver.service"
BACKUP=$ROOT/var/backups/update-node-configs/$(date +%Y%m%d%H%M%S)
mkdir -p "$BACKUP"
(cd "$ROOT" && cp -p --parents $FILES "$BACKUP/")
sed -i "s#^\(    server: \)https\?://[^ ]*#\1$MASTER#" "$ROOT/etc/kubernetes/kubelet.kubeconfig"
sed -i "s#^\(KUBE_MASTER=\"--master=\)[^\"]*#\1$MASTER#" "$ROOT/etc/kubernetes/config"
sed -i "s#^\(API_SERVERS='--api-servers=\)[^']*#\1$MASTER#" "$ROOT/etc/sysconfig/kubelet"
sed -i "s#^\(FLANNEL_ETCD=\"\)[^\"]*#\1$ETCD#" "$ROOT/etc/sysconfig/flanneld"
# upstream backend: the first server line gets the new address, the others go.
sed -i "/upstream backend {/,/}/{/^ *server /{x;/seen/{x;d};s/.*/seen/;x;s#server [^ ]*#server $MASTER_HOSTPORT#}}" \
    "$ROOT/etc/kube-lb/conf/kube-lb.conf"
sed -i "s#^\(  --etcd-servers=\)[^ ]*#\1$ETCD#" "$ROOT/etc/systemd/system/kube-apiserver.service"
