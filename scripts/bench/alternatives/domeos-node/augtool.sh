#!/bin/bash
# The DomeOS node's switch-over with augtool's Shellvars lens (-b keeps .augsave backups).
# Usage: augtool.sh ROOT
set -eu
ROOT=$1
T=()
for f in kubelet kube-proxy kube-apiserver kube-controller-manager kube-scheduler flanneld; do
    T+=(-t "Shellvars.lns incl /etc/sysconfig/$f")
done
augtool -b -r "$ROOT" -A "${T[@]}" >/dev/null <<'AUG'
set /files/etc/sysconfig/kubelet/API_SERVERS "'--api-servers=http://10.22.6.10:8080'"
set /files/etc/sysconfig/kube-proxy/KUBE_MASTER "'--master=http://10.22.6.10:8080'"
set /files/etc/sysconfig/kube-controller-manager/KUBE_MASTER "'--master=http://10.22.6.10:8080'"
set /files/etc/sysconfig/kube-scheduler/KUBE_MASTER "'--master=http://10.22.6.10:8080'"
set /files/etc/sysconfig/kube-apiserver/ETCD_SERVERS "'--etcd-servers=http://10.22.6.11:4012,http://10.22.6.12:4012,http://10.22.6.13:4012'"
set /files/etc/sysconfig/flanneld/FLANNEL_ETCD '"http://10.22.6.11:4012,http://10.22.6.12:4012,http://10.22.6.13:4012"'
save
AUG
