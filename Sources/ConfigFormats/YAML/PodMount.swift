/// One `volumeMounts:` item of a container, with the host directory behind it when the volume is
/// a `hostPath:` volume of the same pod: how a path the container's command names (a
/// `--kubeconfig=`, a TLS file) maps to a file on the node.
public struct PodMount: Sendable, Equatable {
    /// Where the volume appears inside the container (`/etc/kubernetes/pki`).
    public var mountPath: String
    /// The volume's name.
    public var volume: String
    /// The node path of a `hostPath:` volume; nil for any other volume (configMap, emptyDir…),
    /// whose files are not on the node's file system.
    public var hostPath: String?
    /// `subPath:` inside the volume, when set.
    public var subPath: String?
    /// 0-based line of the mount's list item.
    public var line: Int

    public init(mountPath: String, volume: String, hostPath: String?, subPath: String? = nil, line: Int) {
        self.mountPath = mountPath
        self.volume = volume
        self.hostPath = hostPath
        self.subPath = subPath
        self.line = line
    }

    /// True when `path` (absolute, inside the container) lies in this mount.
    func holds(_ path: String) -> Bool {
        let mount = Self.trimmed(mountPath)
        return path == mount || mount == "/" || path.hasPrefix(mount + "/")
    }

    /// The node path of `path` when this mount holds it and is a `hostPath:` volume.
    public func nodePath(of path: String) -> String? {
        guard let hostPath, holds(path) else { return nil }
        let mount = Self.trimmed(mountPath)
        var base = Self.trimmed(hostPath)
        if let subPath, !subPath.isEmpty { base = Self.joined(base, Self.trimmed(subPath)) }
        let rest = mount == "/" ? path.dropFirst() : path.dropFirst(mount.count).drop(while: { $0 == "/" })
        return rest.isEmpty ? base : Self.joined(base, String(rest))
    }

    private static func joined(_ base: String, _ tail: String) -> String {
        (base == "/" ? "" : base) + "/" + tail.drop(while: { $0 == "/" })
    }

    static func trimmed(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }
}

extension PodContainer {
    /// The node path of `path` as this container sees it, through the `hostPath:` mount that
    /// holds it (the deepest mount wins, as nested mounts do). Nil for a relative path, or one
    /// that lives in the image or in another kind of volume.
    public func nodePath(of path: String) -> String? {
        guard path.hasPrefix("/") else { return nil }
        let deepest = mounts.filter { $0.holds(path) }.max { PodMount.trimmed($0.mountPath).count < PodMount.trimmed($1.mountPath).count }
        return deepest?.nodePath(of: path)
    }
}
