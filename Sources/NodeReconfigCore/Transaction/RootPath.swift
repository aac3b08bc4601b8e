/// Host paths under `--root`.
public enum RootPath {
    /// `join("/srv/node", "/etc/x")` → `/srv/node/etc/x`; with root `/`, the path itself.
    public static func join(_ root: String, _ path: String) -> String {
        var base = root
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        if base == "/" || base.isEmpty { return path }
        return base + (path.hasPrefix("/") ? path : "/" + path)
    }
}
