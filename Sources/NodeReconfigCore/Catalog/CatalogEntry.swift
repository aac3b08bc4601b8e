/// One well-known place where a node keeps control-plane addresses.
public struct CatalogEntry: Sendable, Equatable {
    /// Path under `--root`, absolute (`/etc/kubernetes/kubelet.conf`). A final component may be a
    /// glob with one `*` (`/etc/systemd/system/kubelet.service.d/*.conf`).
    public var path: String
    public var kind: FileKind
    /// What it configures: `kubelet`, `kube-proxy`, `flanneld`, `etcd`, `kube-apiserver`,
    /// `kube-controller-manager`, `kube-scheduler`, `load-balancer`, `kubectl`, `kubernetes`.
    public var component: Component
    /// Services to restart (or reload, for load balancers) when the file changed. Services that
    /// are not active before the run are never started, so listing a service a deployment style
    /// does not use is harmless.
    public var services: [String]
    /// The deployment style the path comes from, for `detect` and the README.
    public var origin: String

    public init(_ path: String, _ kind: FileKind, _ component: Component, services: [String], origin: String) {
        self.path = path
        self.kind = kind
        self.component = component
        self.services = services
        self.origin = origin
    }
}
