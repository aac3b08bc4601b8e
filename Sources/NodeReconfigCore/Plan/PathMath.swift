/// Path arithmetic on strings (no I/O): joining `--root` with a node path, normalising `.`/`..`;
/// and (`NodePath`) where a node path is on this machine.
public enum PathMath {
    /// `/a/b/../c/./d` → `/a/c/d`. `..` above the top stays as `/..` so callers can refuse it.
    public static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        var escaped = 0
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                if parts.isEmpty { escaped += 1 } else { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return String(repeating: "/..", count: escaped) + "/" + parts.joined(separator: "/")
    }

    /// Joins a root and an absolute node path: `join("/srv/node", "/etc/x")` = `/srv/node/etc/x`.
    public static func join(_ root: String, _ path: String) -> String {
        let tail = path.hasPrefix("/") ? String(path.dropFirst()) : path
        var base = root
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        if base.isEmpty || base == "/" { return "/" + tail }
        return base + "/" + tail
    }

    public static func dirname(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let head = String(path[..<slash])
        return head.isEmpty ? "/" : head
    }

    public static func basename(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}

/// A node path as it is on this machine: under `--root`, every symlink on the way followed
/// inside the root (a directory's too: `/lib/systemd/system/x` and `/usr/lib/systemd/system/x`
/// are one file where `/lib` links to `usr/lib`). A link out of the root, or a loop, is refused.
/// Discovery finds files so; the preflight hands the node's TLS files to curl and openssl so.
enum NodePath {
    enum Resolved: Equatable {
        /// Something is there: its host path, what it is, and, when a link led there, its node
        /// path (as shown to the operator).
        case found(hostPath: String, type: FileStatus.FileType, linkTarget: String?)
        /// Nothing, or a symlink to nothing (`linkTarget`: where it points, as a node path).
        case absent(linkTarget: String?)
    }

    static func resolve(_ displayPath: String, root: String, fileSystem: any FileSystem) throws(NodeReconfigError) -> Resolved {
        do {
            var pending = displayPath.split(separator: "/").map(String.init)
            var resolved: [String] = []
            var linked = false
            /// The path's own last component was a link (a dangling one is worth saying so).
            var lastIsLink = false
            var hops = 0
            while !pending.isEmpty {
                let part = pending.removeFirst()
                let candidate = "/" + (resolved + [part]).joined(separator: "/")
                guard let status = try fileSystem.status(PathMath.join(root, candidate)) else {
                    return .absent(linkTarget: lastIsLink ? "/" + (resolved + [part] + pending).joined(separator: "/") : nil)
                }
                guard status.type == .symlink else {
                    resolved.append(part)
                    if pending.isEmpty {
                        return .found(hostPath: PathMath.join(root, candidate), type: status.type, linkTarget: linked ? candidate : nil)
                    }
                    continue
                }
                hops += 1
                guard hops <= 40 else { throw NodeReconfigError.unsafePath(path: displayPath, detail: "too many levels of symbolic links") }
                linked = true
                if pending.isEmpty { lastIsLink = true }
                let target = try fileSystem.readLink(PathMath.join(root, candidate))
                let base = target.hasPrefix("/") ? "" : "/" + resolved.joined(separator: "/")
                let next = PathMath.normalize(base + "/" + target)
                if next.hasPrefix("/..") {
                    throw NodeReconfigError.unsafePath(path: displayPath, detail: "its symlink points outside --root")
                }
                pending = next.split(separator: "/").map(String.init) + pending
                resolved = []
            }
            return .found(hostPath: PathMath.join(root, "/"), type: .directory, linkTarget: nil)
        } catch let error as SystemError {
            throw .system(error)
        } catch let error as NodeReconfigError {
            throw error
        } catch {
            throw .internalError("\(error)")
        }
    }
}
