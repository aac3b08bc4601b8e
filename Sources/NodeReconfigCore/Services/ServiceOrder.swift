/// The order services are restarted in, and whether a service is restarted or reloaded.
///
/// etcd first (the apiserver needs it), then the control plane, then the node-local load
/// balancer (reloaded: its open connections survive), flanneld, kubelet, kube-proxy. Services
/// not listed are placed by the component their files belong to (a unit found by the program it
/// runs: `lb-nginx` is a load balancer, reloaded), else last, by name.
public enum ServiceOrder {
    static let ranks: [String: Int] = [
        "etcd": 0, "kube-etcd": 0,
        "kube-apiserver": 1, "kube-controller-manager": 2, "kube-controller": 2, "kube-scheduler": 3,
        "nginx": 4, "kube-nginx": 4, "kube-lb": 4, "haproxy": 4,
        "flanneld": 5, "flannel": 5, "kubelet": 6, "k3s-agent": 6, "rke2-agent": 6, "kube-proxy": 7,
        // calico-node sits where flanneld does: the node's network, before kubelet.
        "calico-node": 5,
        // OpenShift 3.x: the master API and controllers (`MasterRestart`), the node service.
        "master-api": 1, "atomic-openshift-master-api": 1, "origin-master-api": 1,
        "master-controllers": 2, "atomic-openshift-master-controllers": 2, "origin-master-controllers": 2,
        "atomic-openshift-node": 6, "origin-node": 6,
    ]

    /// The rank of a service by the component of its files, for names not in `ranks`.
    static let componentRanks: [Component: Int] = [
        .etcd: 0, .kubeAPIServer: 1, .kubeControllerManager: 2, .kubeScheduler: 3, .loadBalancer: 4, .flanneld: 5,
        .kubelet: 6, .kubeProxy: 7,
    ]

    /// The controller managers (DomeOS's `kube-controller` too) and schedulers a master runs:
    /// restarted after its kube-apiserver or etcd, which they otherwise keep stale connections
    /// to (`Unauthorized` until restarted; SPEC "Safety" 7).
    public static let masterCompanions = ["kube-controller-manager", "kube-controller", "kube-scheduler"]

    /// The companions `services` call for (those not among them), when one of them is etcd or
    /// kube-apiserver (by name, or by the component of its files). The caller keeps the active ones.
    static func companions(of services: [String], components: [String: Component] = [:]) -> [String] {
        guard services.contains(where: { rank($0, components[$0]) <= 1 }) else { return [] }
        let names = Set(services.map(baseName))
        return masterCompanions.filter { !names.contains($0) }
    }

    /// Load balancers: reloaded, never restarted.
    public static let loadBalancers: Set<String> = ["nginx", "kube-nginx", "kube-lb", "haproxy"]

    /// `services` without duplicates, in restart order; `components` says what a service's files
    /// configure.
    public static func sorted(_ services: [String], components: [String: Component] = [:]) -> [String] {
        Array(Set(services)).sorted { a, b in
            let (ra, rb) = (rank(a, components[a]), rank(b, components[b]))
            return ra != rb ? ra < rb : a < b
        }
    }

    /// `.reload` for load balancers (by name, or by the component of their files), `.restart` otherwise.
    public static func action(for service: String, component: Component? = nil) -> ServiceAction {
        loadBalancers.contains(baseName(service)) || component == .loadBalancer ? .reload : .restart
    }

    static func rank(_ service: String, _ component: Component? = nil) -> Int {
        ranks[baseName(service)] ?? component.flatMap { componentRanks[$0] } ?? 100
    }

    /// What each service's files configure, for `sorted` and `action`.
    static func components<S: Sequence>(_ files: S) -> [String: Component] where S.Element == (services: [String], component: Component) {
        var components: [String: Component] = [:]
        for file in files {
            for service in file.services where components[service] == nil { components[service] = file.component }
        }
        return components
    }

    /// `kubelet.service` → `kubelet`.
    static func baseName(_ service: String) -> String {
        service.hasSuffix(".service") ? String(service.dropLast(8)) : service
    }
}
