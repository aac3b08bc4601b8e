/// One file the planner decided to write: the hand-over from planning to the transaction.
public struct PlannedFile: Sendable, Equatable {
    /// Absolute host path of the file to write (symlinks already resolved to the target).
    public var path: String
    /// The path as the operator knows it (e.g. /etc/kubernetes/kubelet.conf).
    public var displayPath: String
    public var kind: FileKind
    /// kubelet, kube-proxy, flanneld, etcd, kube-apiserver, load-balancer, …
    public var component: Component
    /// systemd services to restart/reload when this file changed.
    public var services: [String]
    /// Bytes read at plan time.
    public var original: [UInt8]
    /// Bytes to write.
    public var updated: [UInt8]
    /// A unit or drop-in changed: `daemon-reload` before restarting.
    public var needsDaemonReload: Bool
    /// Validate with the real program after writing.
    public var validation: Validation?
    /// What proves after the restarts that this file's change took (kubelet's heartbeat on
    /// the new master, a static pod's liveness): checked by the health gate.
    public var healthChecks: [HealthCheck] = []
    /// Services this file belongs to that its change does not restart: only an etcd member's
    /// `initial-cluster`/`initial-cluster-state` changed, which etcd reads when it first starts.
    public var sparedServices: [String] = []
    /// Static pod containers that mount this file: restarted through the container runtime.
    public var staticPods: [StaticPod] = []

    public init(path: String, displayPath: String? = nil, kind: FileKind, component: Component, services: [String],
                original: [UInt8], updated: [UInt8], needsDaemonReload: Bool = false, validation: Validation? = nil) {
        self.path = path
        self.displayPath = displayPath ?? path
        self.kind = kind
        self.component = component
        self.services = services
        self.original = original
        self.updated = updated
        self.needsDaemonReload = needsDaemonReload
        self.validation = validation
    }

    /// The bytes differ: there is something to write.
    public var isChanged: Bool { original != updated }
}
