/// The built-in catalog of well-known paths (SPEC "Where it looks").
public enum Catalog {
    /// Services of the kubernetes node and control plane, in restart order.
    public static let kubernetesServices = Component.kubernetesServices.map(\.rawValue)

    /// Units we look for, and the component each belongs to.
    public static let units: [(name: String, component: Component)] = [
        ("kubelet", "kubelet"), ("kube-proxy", "kube-proxy"), ("flanneld", "flanneld"),
        ("etcd", "etcd"), ("kube-etcd", "etcd"), ("kube-apiserver", "kube-apiserver"),
        ("kube-controller-manager", "kube-controller-manager"), ("kube-scheduler", "kube-scheduler"),
        ("nginx", "load-balancer"), ("kube-nginx", "load-balancer"), ("kube-lb", "load-balancer"),
        ("haproxy", "load-balancer"), ("flannel", "flanneld"), ("k3s-agent", "k3s-agent"), ("rke2-agent", "rke2-agent"),
    ]

    static let unitDirectories = ["/etc/systemd/system", "/usr/local/lib/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system"]

    /// Every entry, in the order files are reported: each kind's own list (its handler's
    /// `catalog`), in the order of `FileKind.handlers`.
    public static let entries: [CatalogEntry] = FileKind.handlers.flatMap(\.catalog)

    /// The entries for `--only`: those whose component is listed (`kubernetes` files count for
    /// every kubernetes component).
    public static func entries(only components: [String]) -> [CatalogEntry] {
        entries.filter { $0.component.isSelected(by: components) }
    }

    /// The static pod that runs the catalog file at `path` (a display path), when one does.
    public static func staticPod(for path: String) -> StaticPod? {
        entries.first { $0.path == path }?.staticPod
    }

    /// Component and services for a file given with `--file` (not in the catalog), guessed from
    /// its name: `kube-proxy.kubeconfig` → kube-proxy. Unknown names get component `custom` and
    /// no service (the operator restarts what needs it).
    public static func classify(path: String, kind: FileKind) -> (component: Component, services: [String]) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let known = entries.first(where: { $0.path == path }) { return (known.component, known.services) }
        let handler = kind.handler
        for unit in units.sorted(by: { $0.name.count > $1.name.count }) where name.contains(unit.name) {
            return (unit.component, handler.restartsItsService ? [unit.name] : [])
        }
        if name.contains("proxy") { return ("kube-proxy", handler.restartsItsService ? ["kube-proxy"] : []) }
        return handler.fallbackUse ?? (.custom, [])
    }
}
