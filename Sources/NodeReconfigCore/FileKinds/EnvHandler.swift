/// Env and sysconfig files (`/etc/sysconfig/kubelet`, `/etc/kubernetes/config`, `/etc/etcd.env`):
/// known variables hold a value directly (`FLANNEL_ETCD=`), others hold command-line flags
/// (`KUBE_MASTER="--master=…"`). Read by the service through its unit's `EnvironmentFile=`.
struct EnvHandler: SiteHandler {
    let kind = FileKind.env

    /// CentOS rpm and DomeOS files, kubespray's, etcd's, CoreOS flannel's, and `/etc/sysconfig/NAME`,
    /// `/etc/default/NAME` for the services we know.
    let catalog: [CatalogEntry] = {
        var entries: [CatalogEntry] = [
            CatalogEntry("/etc/kubernetes/config", .env, "kubernetes", services: Catalog.kubernetesServices, origin: "CentOS rpm"),
            CatalogEntry("/etc/kubernetes/kubelet", .env, "kubelet", services: ["kubelet"], origin: "CentOS rpm"),
            CatalogEntry("/etc/kubernetes/apiserver", .env, "kube-apiserver", services: ["kube-apiserver"], origin: "CentOS rpm"),
            CatalogEntry("/etc/kubernetes/proxy", .env, "kube-proxy", services: ["kube-proxy"], origin: "CentOS rpm"),
            CatalogEntry("/etc/kubernetes/controller-manager", .env, "kube-controller-manager", services: ["kube-controller-manager"], origin: "CentOS rpm"),
            CatalogEntry("/etc/kubernetes/scheduler", .env, "kube-scheduler", services: ["kube-scheduler"], origin: "CentOS rpm"),
            CatalogEntry("/etc/kubernetes/kubelet.env", .env, "kubelet", services: ["kubelet"], origin: "kubespray"),
            CatalogEntry("/etc/etcd.env", .env, "etcd", services: ["etcd"], origin: "kubespray"),
            CatalogEntry("/etc/etcd/etcd.conf", .env, "etcd", services: ["etcd"], origin: "OpenShift 3 / CentOS rpm"),
            CatalogEntry("/etc/flannel/options.env", .env, "flanneld", services: ["flanneld"], origin: "CoreOS"),
            CatalogEntry("/etc/calico/*.env", .env, .calico, services: ["calico-node"], origin: "calico"),
        ]
        let sysconfig: [(String, Component)] = [
            ("kubelet", "kubelet"), ("kube-proxy", "kube-proxy"), ("kube-apiserver", "kube-apiserver"),
            ("kube-controller-manager", "kube-controller-manager"), ("kube-scheduler", "kube-scheduler"),
            ("flanneld", "flanneld"), ("etcd", "etcd"),
        ]
        for directory in ["/etc/sysconfig", "/etc/default"] {
            for (name, component) in sysconfig {
                entries.append(CatalogEntry("\(directory)/\(name)", .env, component, services: [name], origin: directory == "/etc/sysconfig" ? "DomeOS / CentOS" : "Debian"))
            }
        }
        return entries
    }()

    func sites(in source: SourceText) throws(FormatError) -> [Site] {
        try EnvFile(source).assignments.flatMap {
            SiteRewrite.assignmentSites(name: $0.key, value: $0.value, shellWords: $0.shellWords)
        }
    }
}

extension FileKind {
    public static let env = FileKind(name: "env")
}
