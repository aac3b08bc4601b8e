/// One corpus file placed at its well-known node path, with the edits SPEC says `plan` makes.
struct CorpusNodeCase: Sendable, CustomStringConvertible {
    var corpus: String
    var nodePath: String
    /// `label outcome` for every value of a requested role, in file order
    /// (`server changed`, `--etcd-endpoints skipped`).
    var expected: [String]

    init(_ corpus: String, at nodePath: String, _ expected: [String]) {
        self.corpus = corpus
        self.nodePath = nodePath
        self.expected = expected
    }

    var description: String { corpus }

    static let all: [CorpusNodeCase] = [
        // kubeconfigs
        .init("1-kubeconfig/kubespray__node-kubeconfig.yaml", at: "/etc/kubernetes/node-kubeconfig.yaml", ["server changed"]),
        .init("1-kubeconfig/k8s-contrib__kubelet-kubeconfig.yaml", at: "/var/lib/kubelet/kubeconfig", ["server skipped"]),
        .init("1-kubeconfig/occ__master-kubeconfig.yaml", at: "/etc/kubernetes/kubelet.conf", ["server changed"]),
        .init("1-kubeconfig/kubeadm-1.29__etc-kubernetes-kubelet.conf.yaml", at: "/etc/kubernetes/kubelet.conf", ["server changed"]),
        .init("1-kubeconfig/gravitational-planet__proxy.kubeconfig.yaml", at: "/var/lib/kube-proxy/kubeconfig", ["server changed"]),
        .init("1-kubeconfig/opsnull-2019__kubelet-bootstrap.kubeconfig.yaml", at: "/etc/kubernetes/kubelet-bootstrap.kubeconfig", ["server changed"]),
        // flanneld
        .init("3-flanneld/domeos__etc-sysconfig-flanneld.env", at: "/etc/sysconfig/flanneld", ["FLANNEL_ETCD changed"]),
        .init("3-flanneld/centos-vagrant__etc-sysconfig-flanneld.env", at: "/etc/sysconfig/flanneld", ["FLANNEL_ETCD skipped"]),
        .init("3-flanneld/k8s-contrib-ansible__etc-sysconfig-flanneld.env", at: "/etc/sysconfig/flanneld", ["FLANNEL_ETCD changed", "FLANNEL_ETCD_ENDPOINTS changed"]),
        .init("3-flanneld/coreos-kubernetes__etc-flannel-options.env", at: "/etc/flannel/options.env", ["FLANNELD_ETCD_ENDPOINTS changed"]),
        .init("3-flanneld/gravitational-planet__flanneld.service", at: "/etc/systemd/system/flanneld.service", ["--etcd-endpoints skipped"]),
        .init("3-flanneld/opsnull-2019__flanneld.service", at: "/etc/systemd/system/flanneld.service", ["-etcd-endpoints changed"]),
        // etcd
        .init("4-etcd/kthw-2021__etcd.service", at: "/etc/systemd/system/etcd.service", ["--initial-cluster changed", "--initial-cluster-state changed"]),
        .init("4-etcd/kthw__etcd.service", at: "/etc/systemd/system/etcd.service", ["--initial-cluster skipped"]),
        .init("4-etcd/kubeasz__etcd.service", at: "/etc/systemd/system/etcd.service", ["--initial-cluster changed", "--initial-cluster-state changed"]),
        .init("4-etcd/kubespray__etcd-env-ipv6.env", at: "/etc/etcd.env", ["ETCD_INITIAL_CLUSTER_STATE changed", "ETCD_INITIAL_CLUSTER changed", "ETCDCTL_ENDPOINTS skipped"]),
        .init("4-etcd/k8s-handbook__etc-etcd-etcd.conf.env", at: "/etc/etcd/etcd.conf", []),
        .init("4-etcd/jevic-mritd-style__etc-etcd-etcd.conf.env", at: "/etc/etcd/etcd.conf", ["ETCD_INITIAL_CLUSTER changed", "ETCD_INITIAL_CLUSTER_STATE changed"]),
        .init("4-etcd/dotbalo-k8s-ha-install__etc-etcd-config.yml", at: "/etc/etcd/config.yml", ["initial-cluster changed", "initial-cluster-state changed"]),
        .init("4-etcd/etcd-upstream__etcd.conf.yml.sample", at: "/etc/etcd/etcd.conf.yml", []), // empty initial-cluster: etcd's default, left alone
        .init("4-etcd/kubeadm-1.29__etcd-static-pod.yaml", at: "/etc/kubernetes/manifests/etcd.yaml", ["--initial-cluster changed"]),
        // kube-apiserver
        .init("5-kube-apiserver/domeos__etc-sysconfig-kube-apiserver.env", at: "/etc/sysconfig/kube-apiserver", ["--etcd-servers changed"]),
        .init("5-kube-apiserver/k8s-handbook__etc-kubernetes-apiserver.env", at: "/etc/kubernetes/apiserver", ["--etcd-servers changed"]),
        .init("5-kube-apiserver/k8s-contrib__etc-kubernetes-apiserver.env", at: "/etc/kubernetes/apiserver", ["--etcd-servers skipped"]),
        .init("5-kube-apiserver/jevic-mritd-style__etc-kubernetes-apiserver.env", at: "/etc/kubernetes/apiserver", ["--etcd-servers changed"]),
        .init("5-kube-apiserver/kubeadm-1.29__kube-apiserver-static-pod.yaml", at: "/etc/kubernetes/manifests/kube-apiserver.yaml", ["--etcd-servers skipped"]),
        .init("5-kube-apiserver/kthw-2021__kube-apiserver.service", at: "/etc/systemd/system/kube-apiserver.service", ["--etcd-servers changed"]),
        .init("5-kube-apiserver/k8s-contrib__kube-apiserver.service", at: "/usr/lib/systemd/system/kube-apiserver.service", []),
        // legacy sysconfig and units
        .init("6-legacy-sysconfig/domeos__etc-sysconfig-kubelet.env", at: "/etc/sysconfig/kubelet", ["--api-servers changed"]),
        .init("6-legacy-sysconfig/domeos__etc-sysconfig-kube-proxy.env", at: "/etc/sysconfig/kube-proxy", ["--master changed"]),
        .init("6-legacy-sysconfig/kubespray-2016__kubelet.env", at: "/etc/kubernetes/kubelet.env", ["--api_servers changed"]),
        .init("6-legacy-sysconfig/k8s-handbook__etc-kubernetes-config.env", at: "/etc/kubernetes/config", ["--master changed"]),
        .init("6-legacy-sysconfig/k8s-contrib__etc-kubernetes-config.env", at: "/etc/kubernetes/config", ["--master skipped"]),
        .init("6-legacy-sysconfig/gravitational-planet__kube-proxy.service", at: "/etc/systemd/system/kube-proxy.service", ["--master skipped"]),
        .init("6-legacy-sysconfig/kthw-2016__kubelet.service", at: "/etc/systemd/system/kubelet.service", ["--api-servers changed"]),
        .init("6-legacy-sysconfig/rpi-installer__kubelet.service", at: "/etc/systemd/system/kubelet.service", ["--api-servers changed"]),
        .init("6-legacy-sysconfig/coreos-kubernetes__kubelet.service", at: "/etc/systemd/system/kubelet.service", ["--api-servers changed"]),
        .init("6-legacy-sysconfig/opsnull-2017__kube-controller-manager.service", at: "/etc/systemd/system/kube-controller-manager.service", ["--master changed"]),
        // static pods of kube-proxy
        .init("2-kube-proxy-config/kubespray-2016__kube-proxy-manifest.yaml", at: "/etc/kubernetes/manifests/kube-proxy.manifest", ["--master changed"]),
        .init("2-kube-proxy-config/rpi-installer__kube-proxy-static-pod.yaml", at: "/etc/kubernetes/manifests/kube-proxy.yaml", ["--master changed"]),
        .init("2-kube-proxy-config/coreos-kubernetes__kube-proxy-static-pod.yaml", at: "/etc/kubernetes/manifests/kube-proxy.yaml", ["--master changed"]),
        // load balancers: --apiservers defaults to the master's host:port
        .init("7-lb-nginx-haproxy/kubeasz__kube-lb.conf", at: "/etc/kube-lb/conf/kube-lb.conf", ["backend changed"]),
        .init("7-lb-nginx-haproxy/opsnull__kube-nginx.conf", at: "/etc/nginx/nginx.conf", ["backend changed"]),
        .init("7-lb-nginx-haproxy/jevic-mritd-style__node-nginx.conf", at: "/etc/nginx/nginx.conf", ["kube_apiserver changed"]),
        .init("7-lb-nginx-haproxy/kubespray__haproxy.cfg", at: "/etc/haproxy/haproxy.cfg", ["kube_api_backend changed"]),
        .init("7-lb-nginx-haproxy/harisekhon__haproxy-etcd.cfg", at: "/etc/haproxy/haproxy.cfg", []),
        // calico and the DNS add-ons (issue 16)
        .init("8-calico-skydns/kubeasz__calicoctl.cfg.yaml", at: "/etc/calico/calicoctl.cfg", ["etcdEndpoints changed"]),
        .init("8-calico-skydns/kubeasz-2017__cni-10-calico.conf.json", at: "/etc/cni/net.d/10-calico.conf", ["etcd_endpoints changed"]),
        .init("8-calico-skydns/kubeasz-2017__calico-node.service", at: "/etc/systemd/system/calico-node.service", ["-e ETCD_ENDPOINTS changed"]),
        .init("8-calico-skydns/domeos__skydns-kube2sky-dns.yaml", at: "/etc/kubernetes/addons/dns.yaml",
              ["--machines changed", "--etcd-server changed", "--kube_master_url changed"]),
        // ConfigMaps and DaemonSets read their etcd list from the API (configMapKeyRef), not from flags.
        .init("8-calico-skydns/dotbalo-calico-v3__calico-etcd.yaml", at: "/etc/kubernetes/addons/calico-etcd.yaml", []),
        .init("8-calico-skydns/kubespray__calico-config-etcd.yaml", at: "/etc/kubernetes/addons/calico-config.yaml", []),
    ]
}
