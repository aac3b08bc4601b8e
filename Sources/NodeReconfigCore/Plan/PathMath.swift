/// Path arithmetic on strings (no I/O): joining `--root` with a node path, normalising `.`/`..`.
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
