/// What a configuration file configures: the `component` of `detect`, `plan`, the JSON reports
/// and the backup manifest, and what `--only` selects by.
///
/// An open set (a handler for a new kind of node may bring its own) written as a name; the ones
/// `--only` offers are `selectable`.
public struct Component: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }

    public static let kubelet: Component = "kubelet"
    public static let kubeProxy: Component = "kube-proxy"
    public static let flanneld: Component = "flanneld"
    public static let etcd: Component = "etcd"
    public static let kubeAPIServer: Component = "kube-apiserver"
    public static let kubeControllerManager: Component = "kube-controller-manager"
    public static let kubeScheduler: Component = "kube-scheduler"
    public static let loadBalancer: Component = "load-balancer"
    /// The admin kubeconfig (`/etc/kubernetes/admin.conf`, `~/.kube/config`).
    public static let kubectl: Component = "kubectl"
    public static let calico: Component = "calico"
    /// A k3s agent (`k3s agent`: kubelet, kube-proxy and their client-side load balancer in one
    /// process), configured by `K3S_URL` and `/etc/rancher/k3s/config.yaml`.
    public static let k3sAgent: Component = "k3s-agent"
    /// An rke2 agent, configured by `/etc/rancher/rke2/config.yaml` (and `RKE2_URL`).
    public static let rke2Agent: Component = "rke2-agent"
    /// CNI network configs (`/etc/cni/net.d`): the calico plugin reads `etcd_endpoints` there,
    /// so `--only=calico` selects them too.
    public static let cni: Component = "cni"
    /// Cluster add-ons run from files on the node: DNS (skydns/kube2sky, kube-dns, CoreDNS)
    /// manifests under `/etc/kubernetes/addons` and `/etc/kubernetes/manifests`, a Corefile.
    public static let addons: Component = "addons"
    /// A file every Kubernetes service reads (CentOS rpm's `/etc/kubernetes/config`): `--only`
    /// with any Kubernetes component selects it.
    public static let kubernetes: Component = "kubernetes"
    /// A `--file` whose name says nothing about what reads it.
    public static let custom: Component = "custom"

    /// The components of the Kubernetes services proper, which a `kubernetes` file serves.
    public static let kubernetesServices: [Component] = [.kubeAPIServer, .kubeControllerManager, .kubeScheduler, .kubelet, .kubeProxy]

    /// What `--only` takes, in the order help lists them.
    public static let selectable: [Component] = [
        .kubelet, .kubeProxy, .flanneld, .etcd, .kubeAPIServer, .kubeControllerManager, .kubeScheduler, .loadBalancer, .kubectl, .calico,
        .cni, .addons, .k3sAgent, .rke2Agent,
    ]
    /// Their names.
    public static let names: [String] = selectable.map(\.rawValue)

    /// Whether `--only=selection` (empty: everything) takes a file of this component.
    public func isSelected(by selection: [String]) -> Bool {
        selection.isEmpty || selection.contains(rawValue)
            || (self == .kubernetes && Component.kubernetesServices.contains { selection.contains($0.rawValue) })
            || (self == .cni && selection.contains(Component.calico.rawValue))
    }
}
