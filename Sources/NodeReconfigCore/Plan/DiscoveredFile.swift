/// A configuration file found on the node (from the catalog, a systemd directory, a reference
/// or `--file`), read but not parsed, with what uses it and how it was found.
public struct DiscoveredFile: Sendable, Equatable {
    /// The path as the operator knows it, relative to `--root` (`/etc/kubernetes/kubelet.conf`).
    public var displayPath: String
    /// Where the bytes really are on this machine: `--root` joined, symlinks resolved to the target.
    public var hostPath: String
    /// When `displayPath` is a symlink: the target, as shown to the operator.
    public var linkTarget: String?
    public var kind: FileKind
    /// What uses it: component, services, program, launch.
    public var use: FileUse
    /// How it was found (`catalog`, `EnvironmentFile= in /etc/systemd/system/kubelet.service:7`), in order.
    public var foundBy: [FoundBy]
    public var bytes: [UInt8]

    public init(displayPath: String, hostPath: String, linkTarget: String? = nil, kind: FileKind,
                component: Component, services: [String], bytes: [UInt8], use: FileUse? = nil, foundBy: [FoundBy] = []) {
        self.displayPath = displayPath
        self.hostPath = hostPath
        self.linkTarget = linkTarget
        self.kind = kind
        self.use = use ?? FileUse(component: component, services: services, isGuess: true)
        self.use.component = component
        self.use.services = services
        self.foundBy = foundBy
        self.bytes = bytes
    }

    public var component: Component {
        get { use.component }
        set { use.component = newValue }
    }

    public var services: [String] {
        get { use.services }
        set { use.services = newValue }
    }
}
