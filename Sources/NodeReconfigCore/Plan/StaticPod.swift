/// A container of a static pod (a `kind: Pod` manifest kubelet runs from its manifest
/// directory) that uses a node file through a `hostPath:` volume: what a change of that file
/// restarts, through the node's container runtime (SPEC "Safety" 7). kubelet recreates a pod
/// only when its manifest changes; a mounted file it does not watch.
public struct StaticPod: Sendable, Hashable, CustomStringConvertible {
    /// `metadata.name` (`kube-scheduler`, `haproxy`).
    public var name: String
    /// `metadata.namespace`, when written (for messages; the pod is found by its name).
    public var namespace: String?
    /// The container's name.
    public var container: String
    /// What the container runs (its program's component, else what its name says:
    /// `haproxy` is a load balancer).
    public var component: Component
    /// The manifest (node path) that declares it.
    public var manifest: String
    /// The container's `livenessProbe` as a URL (static pods use the host's network), when it has one.
    public var liveness: String?
    /// The name kubelet gives the pod on this node (`NAME-NODENAME`), set when the node's name
    /// is known (the transaction's hand-over).
    public var mirrorName: String?

    public init(name: String, namespace: String? = nil, container: String, component: Component = .custom, manifest: String,
                liveness: String? = nil) {
        self.name = name
        self.namespace = namespace
        self.container = container
        self.component = component
        self.manifest = manifest
        self.liveness = liveness
    }

    /// `static pod kube-scheduler`, or with the container when it differs from the pod.
    public var description: String {
        container == name ? "static pod \(name)" : "static pod \(name) (container \(container))"
    }

    /// The pod as kubelet names it on `node` (mirror pods are `NAME-NODE`).
    public func on(node: String) -> StaticPod {
        var pod = self
        pod.mirrorName = "\(name)-\(node)"
        return pod
    }

    /// Directories kubelet's static pods are read from (kubeadm, kubespray, OpenShift 3): a
    /// `kind: Pod` elsewhere (`/etc/kubernetes/addons`) is applied through the apiserver and
    /// may run on any node, so it is not restarted here.
    static let manifestDirectories = ["/etc/kubernetes/manifests", "/etc/origin/node/pods"]

    /// True when a manifest at `path` is one kubelet runs as a static pod.
    static func isStaticPodManifest(_ path: String) -> Bool {
        manifestDirectories.contains { PathMath.dirname(path) == $0 }
    }
}

extension StaticPod {
    /// The backup manifest's object for the pod (what `rollback` and crash recovery restart).
    var json: JSONValue {
        .object([("name", .string(name)), ("namespace", .optional(namespace)), ("container", .string(container)),
                 ("component", .string(component.rawValue)), ("manifest", .string(manifest)), ("liveness", .optional(liveness)),
                 ("mirror_name", .optional(mirrorName))])
    }

    init?(json: JSONValue) {
        guard let name = json["name"]?.stringValue, let container = json["container"]?.stringValue,
              let component = json["component"]?.stringValue, let manifest = json["manifest"]?.stringValue else { return nil }
        self.init(name: name, namespace: json["namespace"]?.stringValue, container: container, component: Component(rawValue: component),
                  manifest: manifest, liveness: json["liveness"]?.stringValue)
        mirrorName = json["mirror_name"]?.stringValue
    }
}
