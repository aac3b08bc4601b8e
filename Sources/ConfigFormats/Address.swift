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
        var text = text
        // One scan over the UTF-8 bytes (every delimiter is ASCII): index arithmetic on a
        // Substring was a quarter of reading a pool of 876,000 servers.
        self = text.withUTF8 { Self(utf8: $0, lastColonIsPort: lastColonIsPort) }
    }

    /// Reads the UTF-8 text in `bytes` (see `init(parsing:lastColonIsPort:)`).
    init(utf8 bytes: UnsafeBufferPointer<UInt8>, lastColonIsPort: Bool = false) {
        func string(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        var start = 0
        var end = bytes.count
        var scheme: String? = nil
        if let separator = Self.schemeSeparator(in: bytes) {
            scheme = string(0..<separator).lowercased()
            start = separator + 3
        }
        var path = ""
        if scheme != nil, let slash = bytes[start..<end].firstIndex(of: UInt8(ascii: "/")) {
            path = string(slash..<end)
            end = slash
        }
        var host = start..<end
        var port: Int? = nil
        if start < end, bytes[start] == UInt8(ascii: "["), let close = bytes[start..<end].firstIndex(of: UInt8(ascii: "]")) {
            host = (start + 1)..<close
            if close + 1 < end, bytes[close + 1] == UInt8(ascii: ":") { port = Int(string((close + 2)..<end)) }
        } else {
            let colons = bytes[start..<end].count(where: { $0 == UInt8(ascii: ":") })
            if colons == 1 || (colons > 1 && lastColonIsPort), let colon = bytes[start..<end].lastIndex(of: UInt8(ascii: ":")),
               let number = Int(string((colon + 1)..<end)) {
                host = start..<colon
                port = number
            }
        }
        self.init(scheme: scheme, host: string(host), port: port, path: path)
    }

    public var isIPv6: Bool { host.utf8.contains(UInt8(ascii: ":")) }

    /// `host:port` with brackets around IPv6 hosts; just the host when there is no port.
    public var hostPort: String {
        var out = ""
        appendHostPort(to: &out)
        return out
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
        return isIPv4Literal(h) && h.hasPrefix("127.")
    }

    /// Four dot-separated numbers 0–255 (`10.0.0.1`).
    public static func isIPv4Literal(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
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
    /// Offset of the first `://` in `bytes`.
    static func schemeSeparator(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count >= 3 else { return nil }
        for index in 0..<(bytes.count - 2)
        where bytes[index] == UInt8(ascii: ":") && bytes[index + 1] == UInt8(ascii: "/") && bytes[index + 2] == UInt8(ascii: "/") {
            return index
        }
        return nil
    }
}

extension Address {
    /// How pool entries are compared: host case-insensitive (IPv6 without its brackets, as
    /// `Address` already keeps it) and port. `[fd00::1]:6443` and haproxy's unbracketed
    /// `fd00::1:6443` are the same server.
    public var poolKey: String {
        "\(poolIdentity.host)|\(port.map(String.init) ?? "")"
    }

    /// `poolKey` as a value, without building a string per server.
    var poolIdentity: PoolIdentity {
        // Lowercasing only what needs it: most hosts are IPv4 addresses.
        let plain = host.utf8.allSatisfy { $0 < 0x80 && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
        return PoolIdentity(host: plain ? host : host.lowercased(), port: port)
    }

    /// Appends `hostPort` to `out` (no intermediate strings: a pool's old server list is built
    /// this way, 876,000 entries in a large pool).
    func appendHostPort(to out: inout String) {
        if isIPv6 {
            out += "["
            out += host
            out += "]"
        } else {
            out += host
        }
        if let port {
            out += ":"
            out += String(port)
        }
    }
}

/// A pool entry's identity: lowercased host and port.
struct PoolIdentity: Hashable {
    var host: String
    var port: Int?
}
