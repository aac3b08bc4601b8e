/// What a value in a file is, as far as node-reconfig is concerned.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// The apiserver URL: kubeconfig `server:`, `--master`, `--api-servers`.
    case master
    /// The etcd client URL list: `--etcd-servers`, `--etcd-endpoints`, `FLANNEL_ETCD`, …
    case etcd
    /// The etcd membership: `--initial-cluster`, `ETCD_INITIAL_CLUSTER`, `initial-cluster:`.
    case members
    /// An etcd member's `--initial-cluster-state`, `ETCD_INITIAL_CLUSTER_STATE`, etcd YAML
    /// `initial-cluster-state:`: `existing` whenever `--etcd-members` is given.
    case memberState = "member-state"
    /// A load balancer's apiserver pool (nginx `upstream`, haproxy `backend`/`listen`).
    case pool = "load-balancer"
    /// A virtual address a keepalived instance holds (`virtual_ipaddress`): one of the load
    /// balancer's own addresses. Reported, never rewritten.
    case virtualAddress = "vip"
    /// A keepalived `unicast_peer`: another load-balancer host. Reported, never rewritten.
    case peer

    /// Flags (normalised: no dashes, `_` → `-`) that hold a value of each role.
    public static let flags: [String: Role] = [
        "master": .master, "api-servers": .master,
        "kube-master-url": .master,  // kube-dns, kube2sky (`--kube_master_url`)
        "etcd-servers": .etcd, "etcd-endpoints": .etcd,
        "machines": .etcd,  // skydns
        "etcd-server": .etcd,  // kube2sky: one URL
        "initial-cluster": .members, "initial-cluster-state": .memberState,
    ]

    /// Flags that take one URL where the role is a list: the first URL of the list goes there.
    public static let singleURLFlags: Set<String> = ["etcd-server"]

    /// Variables (env files, `Environment=`) that hold a value of each role directly.
    public static let variables: [String: Role] = [
        "FLANNEL_ETCD": .etcd, "FLANNEL_ETCD_ENDPOINTS": .etcd, "FLANNELD_ETCD_ENDPOINTS": .etcd,
        "ETCD_ENDPOINTS": .etcd, "ETCDCTL_ENDPOINTS": .etcd,
        "ETCD_INITIAL_CLUSTER": .members, "ETCD_INITIAL_CLUSTER_STATE": .memberState,
        "K3S_URL": .master, "RKE2_URL": .master,
    ]

    /// True for the roles whose values are addresses (the loopback and own-address rules apply).
    public var holdsAddresses: Bool { self != .memberState }

    /// Read only when an etcd member first starts: a change to these alone restarts nothing.
    public var isReadAtFirstStart: Bool { self == .members || self == .memberState }

    /// The value flags take (for the `--flag value` form).
    public static let valueFlags: Set<String> = Set(flags.keys)
}
