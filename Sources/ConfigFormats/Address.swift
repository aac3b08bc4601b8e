/// An address as it appears in a configuration file: `https://10.0.0.1:6443`, `10.0.0.1:6443`,
/// `[fd00::1]:6443`, `master:8080`, `http://127.0.0.1:8080/`.
///
/// This is the lenient reader for values found on disk (the strict validation of operator input
/// lives in the core's `Endpoint`). It never fails: what it cannot split is kept whole as `host`.
public struct Address: Sendable, Hashable, CustomStringConvertible {
    /// `http`, `https`, or nil when the value has no scheme.
    public var scheme: String?
    /// The host without brackets: `10.0.0.1`, `fd00::1`, `master`.
    public var host: String
    public var port: Int?
    /// Anything after the authority (`/`, `/api`), kept as written.
    public var path: String

    public init(scheme: String? = nil, host: String, port: Int? = nil, path: String = "") {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
    }

    /// Reads `text`. An IPv6 host without brackets (`2409:8080::12:6443`, as haproxy allows)
    /// takes its last `:` field as the port when `lastColonIsPort` is true.
    public init(parsing text: Substring, lastColonIsPort: Bool = false) {
        var rest = text
        var scheme: String? = nil
        if let r = Self.schemeSeparator(in: rest) {
            scheme = String(rest[..<r.lowerBound]).lowercased()
            rest = rest[r.upperBound...]
        }
        var path = ""
        // Scans below are over UTF-8 bytes (ASCII delimiters): Character-level scanning was most
        // of reading a pool of 900k servers.
        if scheme != nil, let slash = rest.utf8.firstIndex(of: UInt8(ascii: "/")) {
            path = String(rest[slash...])
            rest = rest[..<slash]
        }
        var host = String(rest)
        var port: Int? = nil
        if rest.utf8.first == UInt8(ascii: "["), let close = rest.utf8.firstIndex(of: UInt8(ascii: "]")) {
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":"), let p = Int(after.dropFirst()) { port = p }
        } else {
            let colons = rest.utf8.count(where: { $0 == UInt8(ascii: ":") })
            if colons == 1 || (colons > 1 && lastColonIsPort), let c = rest.utf8.lastIndex(of: UInt8(ascii: ":")),
               let p = Int(rest[rest.index(after: c)...]) {
                host = String(rest[..<c])
                port = p
            }
        }
        self.init(scheme: scheme, host: host, port: port, path: path)
    }

    public var isIPv6: Bool { host.utf8.contains(UInt8(ascii: ":")) }

    /// `host:port` with brackets around IPv6 hosts; just the host when there is no port.
    public var hostPort: String {
        let h = isIPv6 ? "[\(host)]" : host
        guard let port else { return h }
        return "\(h):\(port)"
    }

    /// The value as written back: scheme, host, port, path.
    public var description: String {
        (scheme.map { "\($0)://" } ?? "") + hostPort + path
    }

    /// Loopback: `127.0.0.0/8`, `localhost`, `::1`. Such a value points at a node-local load
    /// balancer or a local port and is never rewritten.
    public var isLoopback: Bool {
        Address.isLoopbackHost(host)
    }

    public static func isLoopbackHost(_ host: String) -> Bool {
        let h = host.lowercased()
        if h == "localhost" || h.hasSuffix(".localhost") { return true }
        if h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4, parts[0] == "127", parts.allSatisfy({ UInt8($0) != nil }) { return true }
        return false
    }

    /// The port a scheme implies when none is written (for comparing `https://m` and `https://m:443`).
    public var effectivePort: Int? {
        if let port { return port }
        switch scheme {
        case "http": return 80
        case "https": return 443
        default: return nil
        }
    }

    /// Same endpoint: scheme (when both have one), host (case-insensitive), effective port.
    /// A trailing `/` is not a difference.
    public func sameEndpoint(as other: Address) -> Bool {
        if let a = scheme, let b = other.scheme, a != b { return false }
        let pathA = path == "/" ? "" : path
        let pathB = other.path == "/" ? "" : other.path
        return host.lowercased() == other.host.lowercased() && effectivePort == other.effectivePort && pathA == pathB
    }
}

extension Address {
    /// The first `://` in `text`, by a plain UTF-8 scan: `firstRange(of:)` went through the
    /// generic string-processing searcher, 15% of planning a pool of a million servers.
    static func schemeSeparator(in text: Substring) -> Range<Substring.Index>? {
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: ":") {
                let second = utf8.index(after: index)
                if second != utf8.endIndex, utf8[second] == UInt8(ascii: "/") {
                    let third = utf8.index(after: second)
                    if third != utf8.endIndex, utf8[third] == UInt8(ascii: "/") {
                        return index..<utf8.index(after: third)
                    }
                }
            }
            index = utf8.index(after: index)
        }
        return nil
    }
}
