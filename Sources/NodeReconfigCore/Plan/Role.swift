/// What a value in a file is, as far as node-reconfig is concerned.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// The apiserver URL: kubeconfig `server:`, `--master`, `--api-servers`.
    case master
    /// The etcd client URL list: `--etcd-servers`, `--etcd-endpoints`, `FLANNEL_ETCD`, …
    case etcd
    /// The etcd membership: `--initial-cluster`, `ETCD_INITIAL_CLUSTER`, `initial-cluster:`.
    case members
    /// A load balancer's apiserver pool (nginx `upstream`, haproxy `backend`/`listen`).
    case pool = "load-balancer"

    /// Flags (normalised: no dashes, `_` → `-`) that hold a value of each role.
    public static let flags: [String: Role] = [
        "master": .master, "api-servers": .master,
        "etcd-servers": .etcd, "etcd-endpoints": .etcd,
        "initial-cluster": .members,
    ]

    /// Variables (env files, `Environment=`) that hold a value of each role directly.
    public static let variables: [String: Role] = [
        "FLANNEL_ETCD": .etcd, "FLANNEL_ETCD_ENDPOINTS": .etcd, "FLANNELD_ETCD_ENDPOINTS": .etcd,
        "ETCD_ENDPOINTS": .etcd, "ETCDCTL_ENDPOINTS": .etcd,
        "ETCD_INITIAL_CLUSTER": .members,
        "K3S_URL": .master, "RKE2_URL": .master,
    ]

    /// The value flags take (for the `--flag value` form).
    public static let valueFlags: Set<String> = Set(flags.keys)
}
