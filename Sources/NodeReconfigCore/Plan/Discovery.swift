/// Finds the node's configuration files: the catalog's well-known paths under `--root`, plus the
/// files named with `--file`. Absent catalog paths are skipped silently; an absent `--file` is an
/// error. Symlinks are followed to their target (inside `--root`); the link itself is never edited.
public struct Discovery: Sendable {
    public var root: String
    public var only: [String]
    public var extraFiles: [(kind: FileKind, path: String)]
    public var fileSystem: any FileSystem

    public init(root: String, only: [String] = [], extraFiles: [(kind: FileKind, path: String)] = [], fileSystem: any FileSystem) {
        self.root = root
        self.only = only
        self.extraFiles = extraFiles
        self.fileSystem = fileSystem
    }

    /// Every file found, catalog order first, then `--file` ones; one entry per real file.
    public func discover() throws(NodeReconfigError) -> [DiscoveredFile] {
        var found: [DiscoveredFile] = []
        var seen: [String: Int] = [:]
        let overridden = Set(extraFiles.map { PathMath.normalize($0.path) })
        for entry in Catalog.entries(only: only) {
            for displayPath in try expand(entry.path) where !overridden.contains(displayPath) {
                guard let file = try read(displayPath, kind: entry.kind, component: entry.component, services: entry.services, required: false) else { continue }
                if let index = seen[file.hostPath] {
                    for service in file.services where !found[index].services.contains(service) {
                        found[index].services.append(service)
                    }
                    continue
                }
                seen[file.hostPath] = found.count
                found.append(file)
            }
        }
        for extra in extraFiles {
            let displayPath = PathMath.normalize(extra.path)
            let (component, services) = Catalog.classify(path: displayPath, kind: extra.kind)
            guard let file = try read(displayPath, kind: extra.kind, component: component, services: services, required: true) else { continue }
            if let index = seen[file.hostPath] {
                found[index] = file
            } else {
                seen[file.hostPath] = found.count
                found.append(file)
            }
        }
        return found
    }

    /// Expands a pattern whose components may hold `*` (`dir/*.conf`, `/etc/cni/net.d/*calico*`,
    /// `/etc/kubernetes/addons/*/*.yaml`: a `*` in a directory component matches directories one
    /// level deep) into the matching display paths, in name order; hidden names never match.
    func expand(_ pattern: String) throws(NodeReconfigError) -> [String] {
        guard pattern.contains("*") else { return [pattern] }
        let components = pattern.split(separator: "/")
        var paths = ["/"]
        for (index, component) in components.enumerated() {
            guard component.contains("*") else {
                paths = paths.map { PathMath.join($0, String(component)) }
                continue
            }
            let isLast = index == components.count - 1
            var next: [String] = []
            for directory in paths {
                let hostDirectory = PathMath.join(root, directory)
                do {
                    guard let status = try fileSystem.status(hostDirectory), status.type == .directory else { continue }
                    for name in try fileSystem.listDirectory(hostDirectory) where !name.hasPrefix(".") && Self.matches(name, component) {
                        let path = PathMath.join(directory, name)
                        if !isLast {
                            guard let status = try fileSystem.status(PathMath.join(root, path)), status.type == .directory else { continue }
                        }
                        next.append(path)
                    }
                } catch {
                    throw .system(error)
                }
            }
            paths = next
        }
        return paths
    }

    /// Whether `name` matches `pattern`, where each `*` stands for any run of characters.
    static func matches(_ name: String, _ pattern: Substring) -> Bool {
        let pieces = pattern.split(separator: "*", omittingEmptySubsequences: false)
        var rest = Substring(name)
        guard rest.hasPrefix(pieces[0]) else { return false }
        rest = rest.dropFirst(pieces[0].count)
        for (offset, piece) in pieces.dropFirst().enumerated() {
            if offset == pieces.count - 2 {
                return rest.count >= piece.count && rest.hasSuffix(piece)
            }
            guard let found = rest.firstRange(of: piece) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }

    /// Reads one file, following symlinks inside the root. Nil when absent and not required.
    func read(_ displayPath: String, kind: FileKind, component: Component, services: [String], required: Bool) throws(NodeReconfigError) -> DiscoveredFile? {
        var current = displayPath
        var linkTarget: String? = nil
        do {
            for _ in 0..<40 {
                let hostPath = PathMath.join(root, current)
                guard let status = try fileSystem.status(hostPath) else {
                    if required || linkTarget != nil {
                        throw NodeReconfigError.missingFile(path: displayPath, detail: linkTarget.map { "it is a symlink to \($0), which does not exist" })
                    }
                    return nil
                }
                switch status.type {
                case .symlink:
                    let target = try fileSystem.readLink(hostPath)
                    current = target.hasPrefix("/") ? PathMath.normalize(target) : PathMath.normalize(PathMath.join(PathMath.dirname(current), target))
                    if current.hasPrefix("/..") {
                        throw NodeReconfigError.unsafePath(path: displayPath, detail: "its symlink points outside --root")
                    }
                    linkTarget = current
                case .regular:
                    let bytes = try fileSystem.readFile(hostPath)
                    return DiscoveredFile(displayPath: displayPath, hostPath: hostPath, linkTarget: linkTarget, kind: kind,
                                          component: component, services: services, bytes: bytes)
                case .directory, .other:
                    if required { throw NodeReconfigError.missingFile(path: displayPath, detail: "it is not a regular file") }
                    return nil
                }
            }
        } catch let error as SystemError {
            throw .system(error)
        } catch let error as NodeReconfigError {
            throw error
        } catch {
            throw .internalError("\(error)")
        }
        throw NodeReconfigError.unsafePath(path: displayPath, detail: "too many levels of symbolic links")
    }
}
