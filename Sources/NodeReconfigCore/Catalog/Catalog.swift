/// The built-in catalog of well-known paths (SPEC "Where it looks").
public enum Catalog {
    /// Services of the kubernetes node and control plane, in restart order.
    public static let kubernetesServices = Component.kubernetesServices.map(\.rawValue)

    /// Units we look for, and the component each belongs to.
    public static let units: [(name: String, component: Component)] = [
        ("kubelet", "kubelet"), ("kube-proxy", "kube-proxy"), ("flanneld", "flanneld"),
        ("etcd", "etcd"), ("kube-etcd", "etcd"), ("kube-apiserver", "kube-apiserver"),
        ("kube-controller-manager", "kube-controller-manager"), ("kube-controller", "kube-controller-manager"),
        ("kube-scheduler", "kube-scheduler"), ("nginx", "load-balancer"), ("kube-nginx", "load-balancer"), ("kube-lb", "load-balancer"),
        ("haproxy", "load-balancer"), ("calico-node", "calico"), ("k3s-agent", "k3s-agent"), ("rke2-agent", "rke2-agent"),
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

    /// What discovery looks for, in a sentence (the refusal when nothing is found): each kind's
    /// well-known directories, and the programs units are recognised by.
    public static var summary: String {
        var parts: [String] = []
        for handler in FileKind.handlers where handler.kind != .unit {
            var directories: [String] = []
            for entry in handler.catalog where !directories.contains(PathMath.dirname(entry.path)) {
                directories.append(PathMath.dirname(entry.path))
            }
            if !directories.isEmpty { parts.append("\(handler.kind) files in \(directories.joined(separator: ", "))") }
        }
        parts.append("systemd units running \(Program.known.map(\.name).joined(separator: ", ")) in \(unitDirectories.joined(separator: ", ")), "
            + "and every file those name")
        return parts.joined(separator: "; ")
    }

    /// Component and services for a file given with `--file` (not in the catalog), guessed from
    /// its name: `kube-proxy.kubeconfig` → kube-proxy. Unknown names get component `custom` and
    /// no service (the operator restarts what needs it).
    public static func classify(path: String, kind: FileKind) -> (component: Component, services: [String]) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let known = entries.first(where: { $0.path == path }) { return (known.component, known.services) }
        let handler = kind.handler
        // A load balancer's file is the load balancer's whatever its name says (a pool file named
        // kube-apiserver.conf): only a load balancer's own unit name counts.
        let fallback = handler.fallbackUse
        for unit in units.sorted(by: { $0.name.count > $1.name.count })
        where name.contains(unit.name) && (fallback == nil || unit.component == fallback?.component) {
            return (unit.component, handler.restartsItsService ? [unit.name] : [])
        }
        if name.contains("proxy"), fallback == nil { return ("kube-proxy", handler.restartsItsService ? ["kube-proxy"] : []) }
        return handler.fallbackUse ?? (.custom, [])
    }
}
