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
    /// The static pod that runs the file's program where no systemd unit does (KubeKey's
    /// haproxy); `services` is then empty: there is no unit to reload.
    public var staticPod: StaticPod?

    public init(_ path: String, _ kind: FileKind, _ component: Component, services: [String], origin: String, staticPod: StaticPod? = nil) {
        self.path = path
        self.kind = kind
        self.component = component
        self.services = services
        self.origin = origin
        self.staticPod = staticPod
    }
}

/// A static pod kubelet runs from a manifest, reading a file the manifest mounts (KubeKey's
/// haproxy reads `/etc/kubekey/haproxy/haproxy.cfg`). The program reads the file when its
/// container starts, so a changed file needs the container restarted; node-reconfig does not
/// restart static pods yet, and says so with what the operator must run.
public struct StaticPod: Sendable, Equatable {
    /// The pod's (and its container's) name.
    public var name: String
    /// The manifest kubelet runs it from (node path).
    public var manifest: String

    public init(name: String, manifest: String) {
        self.name = name
        self.manifest = manifest
    }

    /// What the operator must do after the file changed, in one sentence.
    public var restartAdvice: String {
        "the \(name) static pod (\(manifest)) still runs the old configuration: restart its container by hand "
            + "(crictl stop $(crictl ps -q --name \(name)), or docker restart $(docker ps -q --filter name=k8s_\(name)_)); "
            + "kubelet starts it again with the new file. node-reconfig does not restart static pods yet"
    }
}
