/// A configuration file found on the node (from the catalog or `--file`), read but not parsed.
public struct DiscoveredFile: Sendable, Equatable {
    /// The path as the operator knows it, relative to `--root` (`/etc/kubernetes/kubelet.conf`).
    public var displayPath: String
    /// Where the bytes really are on this machine: `--root` joined, symlinks resolved to the target.
    public var hostPath: String
    /// When `displayPath` is a symlink: the target, as shown to the operator.
    public var linkTarget: String?
    public var kind: FileKind
    public var component: Component
    public var services: [String]
    public var bytes: [UInt8]

    public init(displayPath: String, hostPath: String, linkTarget: String? = nil, kind: FileKind,
                component: Component, services: [String], bytes: [UInt8]) {
        self.displayPath = displayPath
        self.hostPath = hostPath
        self.linkTarget = linkTarget
        self.kind = kind
        self.component = component
        self.services = services
        self.bytes = bytes
    }
}
