/// The components `--only` can name.
public enum Component: String, Sendable, CaseIterable, Hashable {
    case kubelet
    case kubeProxy = "kube-proxy"
    case flanneld
    case etcd
    case kubeAPIServer = "kube-apiserver"
    case kubeControllerManager = "kube-controller-manager"
    case kubeScheduler = "kube-scheduler"
    case loadBalancer = "load-balancer"
    /// The admin kubeconfig (`/etc/kubernetes/admin.conf`, `~/.kube/config`).
    case kubectl
    case calico

    /// Every component, in the order help lists them.
    public static let all: [Component] = allCases
    /// Their names, as `--only` takes them.
    public static let names: [String] = allCases.map(\.rawValue)
}
