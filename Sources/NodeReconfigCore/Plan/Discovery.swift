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

    /// Expands a final-component glob (`dir/*.conf`) into the matching display paths.
    func expand(_ pattern: String) throws(NodeReconfigError) -> [String] {
        guard pattern.contains("*") else { return [pattern] }
        let directory = PathMath.dirname(pattern)
        let glob = PathMath.basename(pattern)
        let parts = glob.split(separator: "*", maxSplits: 1, omittingEmptySubsequences: false)
        let prefix = String(parts[0]), suffix = parts.count > 1 ? String(parts[1]) : ""
        let hostDirectory = PathMath.join(root, directory)
        do {
            guard let status = try fileSystem.status(hostDirectory), status.type == .directory else { return [] }
            return try fileSystem.listDirectory(hostDirectory)
                .filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) && $0.count >= prefix.count + suffix.count && !$0.hasPrefix(".") }
                .map { PathMath.join(directory, $0) }
        } catch {
            throw .system(error)
        }
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
