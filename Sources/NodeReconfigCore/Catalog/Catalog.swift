/// The built-in catalog of well-known paths (SPEC "Where it looks").
public enum Catalog {
    /// Services of the kubernetes node and control plane, in restart order.
    public static let kubernetesServices = ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubelet", "kube-proxy"]

    /// Units we look for, and the component each belongs to.
    public static let units: [(name: String, component: String)] = [
        ("kubelet", "kubelet"), ("kube-proxy", "kube-proxy"), ("flanneld", "flanneld"),
        ("etcd", "etcd"), ("kube-etcd", "etcd"), ("kube-apiserver", "kube-apiserver"),
        ("kube-controller-manager", "kube-controller-manager"), ("kube-scheduler", "kube-scheduler"),
        ("nginx", "load-balancer"), ("kube-nginx", "load-balancer"), ("kube-lb", "load-balancer"),
        ("haproxy", "load-balancer"),
    ]

    static let unitDirectories = ["/etc/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system"]

    /// Every entry, in the order files are reported.
    public static let entries: [CatalogEntry] = kubeconfigs + manifests + envFiles + loadBalancers + etcdYAML + unitEntries

    static let kubeconfigs: [CatalogEntry] = [
        .init("/etc/kubernetes/kubelet.conf", .kubeconfig, "kubelet", services: ["kubelet"], origin: "kubeadm"),
        .init("/etc/kubernetes/bootstrap-kubelet.conf", .kubeconfig, "kubelet", services: ["kubelet"], origin: "kubeadm"),
        .init("/etc/kubernetes/admin.conf", .kubeconfig, "kubectl", services: [], origin: "kubeadm"),
        .init("/etc/kubernetes/super-admin.conf", .kubeconfig, "kubectl", services: [], origin: "kubeadm"),
        .init("/etc/kubernetes/controller-manager.conf", .kubeconfig, "kube-controller-manager", services: ["kube-controller-manager"], origin: "kubeadm"),
        .init("/etc/kubernetes/scheduler.conf", .kubeconfig, "kube-scheduler", services: ["kube-scheduler"], origin: "kubeadm"),
        .init("/etc/kubernetes/kube-proxy-kubeconfig.yaml", .kubeconfig, "kube-proxy", services: ["kube-proxy"], origin: "kubespray"),
        .init("/etc/kubernetes/node-kubeconfig.yaml", .kubeconfig, "kubelet", services: ["kubelet", "kube-proxy"], origin: "kubespray"),
        .init("/etc/kubernetes/kube-proxy.kubeconfig", .kubeconfig, "kube-proxy", services: ["kube-proxy"], origin: "kubeasz"),
        .init("/etc/kubernetes/kubelet.kubeconfig", .kubeconfig, "kubelet", services: ["kubelet"], origin: "kubeasz"),
        .init("/etc/kubernetes/kubelet-bootstrap.kubeconfig", .kubeconfig, "kubelet", services: ["kubelet"], origin: "opsnull"),
        .init("/etc/kubernetes/kube-controller-manager.kubeconfig", .kubeconfig, "kube-controller-manager", services: ["kube-controller-manager"], origin: "opsnull"),
        .init("/etc/kubernetes/kube-scheduler.kubeconfig", .kubeconfig, "kube-scheduler", services: ["kube-scheduler"], origin: "opsnull"),
        .init("/var/lib/kubelet/kubeconfig", .kubeconfig, "kubelet", services: ["kubelet"], origin: "the hard way"),
        .init("/var/lib/kube-proxy/kubeconfig", .kubeconfig, "kube-proxy", services: ["kube-proxy"], origin: "the hard way"),
        .init("/root/.kube/config", .kubeconfig, "kubectl", services: [], origin: "kubectl"),
    ]

    static let manifests: [CatalogEntry] = [
        .init("/etc/kubernetes/manifests/kube-apiserver.yaml", .manifest, "kube-apiserver", services: [], origin: "kubeadm"),
        .init("/etc/kubernetes/manifests/etcd.yaml", .manifest, "etcd", services: [], origin: "kubeadm"),
        .init("/etc/kubernetes/manifests/kube-controller-manager.yaml", .manifest, "kube-controller-manager", services: [], origin: "kubeadm"),
        .init("/etc/kubernetes/manifests/kube-scheduler.yaml", .manifest, "kube-scheduler", services: [], origin: "kubeadm"),
        .init("/etc/kubernetes/manifests/kube-proxy.yaml", .manifest, "kube-proxy", services: [], origin: "coreos"),
        .init("/etc/kubernetes/manifests/kube-proxy.manifest", .manifest, "kube-proxy", services: [], origin: "kubespray"),
    ]

    static let envFiles: [CatalogEntry] = {
        var entries: [CatalogEntry] = [
            .init("/etc/kubernetes/config", .env, "kubernetes", services: kubernetesServices, origin: "CentOS rpm"),
            .init("/etc/kubernetes/kubelet", .env, "kubelet", services: ["kubelet"], origin: "CentOS rpm"),
            .init("/etc/kubernetes/apiserver", .env, "kube-apiserver", services: ["kube-apiserver"], origin: "CentOS rpm"),
            .init("/etc/kubernetes/proxy", .env, "kube-proxy", services: ["kube-proxy"], origin: "CentOS rpm"),
            .init("/etc/kubernetes/controller-manager", .env, "kube-controller-manager", services: ["kube-controller-manager"], origin: "CentOS rpm"),
            .init("/etc/kubernetes/scheduler", .env, "kube-scheduler", services: ["kube-scheduler"], origin: "CentOS rpm"),
            .init("/etc/kubernetes/kubelet.env", .env, "kubelet", services: ["kubelet"], origin: "kubespray"),
            .init("/etc/etcd.env", .env, "etcd", services: ["etcd"], origin: "kubespray"),
            .init("/etc/etcd/etcd.conf", .env, "etcd", services: ["etcd"], origin: "OpenShift 3 / CentOS rpm"),
            .init("/etc/flannel/options.env", .env, "flanneld", services: ["flanneld"], origin: "CoreOS"),
        ]
        let sysconfig: [(String, String)] = [
            ("kubelet", "kubelet"), ("kube-proxy", "kube-proxy"), ("kube-apiserver", "kube-apiserver"),
            ("kube-controller-manager", "kube-controller-manager"), ("kube-scheduler", "kube-scheduler"),
            ("flanneld", "flanneld"), ("etcd", "etcd"),
        ]
        for directory in ["/etc/sysconfig", "/etc/default"] {
            for (name, component) in sysconfig {
                entries.append(.init("\(directory)/\(name)", .env, component, services: [name], origin: directory == "/etc/sysconfig" ? "DomeOS / CentOS" : "Debian"))
            }
        }
        return entries
    }()

    static let loadBalancers: [CatalogEntry] = [
        .init("/etc/nginx/nginx.conf", .nginx, "load-balancer", services: ["nginx"], origin: "kubespray"),
        .init("/etc/kube-lb/conf/kube-lb.conf", .nginx, "load-balancer", services: ["kube-lb"], origin: "kubeasz"),
        .init("/opt/k8s/kube-nginx/conf/kube-nginx.conf", .nginx, "load-balancer", services: ["kube-nginx"], origin: "opsnull"),
        .init("/etc/kube-nginx/kube-nginx.conf", .nginx, "load-balancer", services: ["kube-nginx"], origin: "opsnull"),
        .init("/etc/haproxy/haproxy.cfg", .haproxy, "load-balancer", services: ["haproxy"], origin: "kubespray / OpenShift 3"),
    ]

    static let etcdYAML: [CatalogEntry] = [
        .init("/etc/etcd/etcd.conf.yml", .etcdYAML, "etcd", services: ["etcd"], origin: "etcd --config-file"),
        .init("/etc/etcd/config.yml", .etcdYAML, "etcd", services: ["etcd"], origin: "k8s-ha-install"),
    ]

    static let unitEntries: [CatalogEntry] = unitDirectories.flatMap { directory in
        units.flatMap { unit in
            [
                CatalogEntry("\(directory)/\(unit.name).service", .unit, unit.component, services: [unit.name], origin: "systemd"),
                CatalogEntry("\(directory)/\(unit.name).service.d/*.conf", .unit, unit.component, services: [unit.name], origin: "systemd drop-in"),
            ]
        }
    }

    /// The entries for `--only`: those whose component is listed (`kubernetes` files count for
    /// every kubernetes component).
    public static func entries(only components: [String]) -> [CatalogEntry] {
        guard !components.isEmpty else { return entries }
        let wanted = Set(components)
        return entries.filter { wanted.contains($0.component) || ($0.component == "kubernetes" && !wanted.isDisjoint(with: kubernetesServices)) }
    }

    /// Component and services for a file given with `--file` (not in the catalog), guessed from
    /// its name: `kube-proxy.kubeconfig` → kube-proxy. Unknown names get component `custom` and
    /// no service (the operator restarts what needs it).
    public static func classify(path: String, kind: FileKind) -> (component: String, services: [String]) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let known = entries.first(where: { $0.path == path }) { return (known.component, known.services) }
        let handler = kind.handler
        for unit in units.sorted(by: { $0.name.count > $1.name.count }) where name.contains(unit.name) {
            return (unit.component, handler.restartsItsService ? [unit.name] : [])
        }
        if name.contains("proxy") { return ("kube-proxy", handler.restartsItsService ? ["kube-proxy"] : []) }
        return handler.fallbackUse ?? ("custom", [])
    }
}
