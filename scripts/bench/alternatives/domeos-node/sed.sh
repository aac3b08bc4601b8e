#!/bin/bash
# The DomeOS node's switch-over as update_node_configs.sh did it: cp backups, then sed -i on each
# sysconfig file. Usage: sed.sh ROOT
set -eu
ROOT=$1
MASTER=http://10.22.6.10:8080
ETCD=http://10.22.6.11:4012,http://10.22.6.12:4012,http://10.22.6.13:4012
FILES="kubelet kube-proxy kube-apiserver kube-controller-manager kube-scheduler flanneld"
BACKUP=$ROOT/var/backups/update-node-configs/$(date +%Y%m%d%H%M%S)
mkdir -p "$BACKUP"
for f in $FILES; do cp -p "$ROOT/etc/sysconfig/$f" "$BACKUP/"; done
sed -i "s#^\(API_SERVERS='--api-servers=\)[^']*#\1$MASTER#" "$ROOT/etc/sysconfig/kubelet"
for f in kube-proxy kube-controller-manager kube-scheduler; do
    sed -i "s#^\(KUBE_MASTER='--master=\)[^']*#\1$MASTER#" "$ROOT/etc/sysconfig/$f"
done
sed -i "s#^\(ETCD_SERVERS='--etcd-servers=\)[^']*#\1$ETCD#" "$ROOT/etc/sysconfig/kube-apiserver"
sed -i "s#^\(FLANNEL_ETCD=\"\)[^\"]*#\1$ETCD#" "$ROOT/etc/sysconfig/flanneld"
