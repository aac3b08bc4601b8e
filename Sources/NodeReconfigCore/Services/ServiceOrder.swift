/// The order services are restarted in, and whether a service is restarted or reloaded.
///
/// etcd first (the apiserver needs it), then the control plane, then the node-local load
/// balancer (reloaded: its open connections survive), flanneld, kubelet, kube-proxy. Services
/// not listed come last, by name.
public enum ServiceOrder {
    static let ranks: [String: Int] = [
        "etcd": 0, "kube-etcd": 0,
        "kube-apiserver": 1, "kube-controller-manager": 2, "kube-scheduler": 3,
        "nginx": 4, "kube-nginx": 4, "kube-lb": 4, "haproxy": 4,
        "flanneld": 5, "flannel": 5, "kubelet": 6, "k3s-agent": 6, "rke2-agent": 6, "kube-proxy": 7,
    ]

    /// Load balancers: reloaded, never restarted.
    public static let loadBalancers: Set<String> = ["nginx", "kube-nginx", "kube-lb", "haproxy"]

    /// `services` without duplicates, in restart order.
    public static func sorted(_ services: [String]) -> [String] {
        Array(Set(services)).sorted { a, b in
            let (ra, rb) = (rank(a), rank(b))
            return ra != rb ? ra < rb : a < b
        }
    }

    /// `.reload` for load balancers, `.restart` otherwise.
    public static func action(for service: String) -> ServiceAction {
        loadBalancers.contains(baseName(service)) ? .reload : .restart
    }

    static func rank(_ service: String) -> Int { ranks[baseName(service)] ?? 100 }

    /// `kubelet.service` → `kubelet`.
    static func baseName(_ service: String) -> String {
        service.hasSuffix(".service") ? String(service.dropLast(8)) : service
    }
}
