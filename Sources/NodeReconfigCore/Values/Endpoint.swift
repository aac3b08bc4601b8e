/// A validated URL from the operator: `http(s)://host[:port]`, no trailing `/`.
/// Parsing and validation, with messages naming the flag, are below with the other operator-given addresses.
public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    public var scheme: String
    /// Host without brackets.
    public var host: String
    public var port: Int?

    public init(scheme: String, host: String, port: Int?) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    public var address: Address { Address(scheme: scheme, host: host, port: port) }
    /// `host:port` (IPv6 bracketed); the port defaults from the scheme when absent.
    public var hostPort: String { Address(host: host, port: port ?? address.effectivePort).hostPort }
    /// The URL as written into files: `https://10.0.0.1:6443`.
    public var description: String { address.description }
}

/// `host:port` of an apiserver behind a node-local load balancer (`--apiservers`, `--drain`).
public struct HostPort: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public var address: Address { Address(host: host, port: port) }
    public var description: String { address.hostPort }
}

/// One etcd member: `NAME=PEER-URL`.
public struct EtcdMember: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var peerURL: Endpoint

    public init(name: String, peerURL: Endpoint) {
        self.name = name
        self.peerURL = peerURL
    }

    public var description: String { "\(name)=\(peerURL)" }
}

extension Endpoint {
    /// Parses one operator-given URL, `http(s)://host[:port]`, strictly (SPEC "Values").
    ///
    /// The scheme and host are lowercased and a trailing `/` is dropped; anything else that is
    /// not plainly an endpoint (no scheme, another path, user info, query, shell syntax) is
    /// refused with a `ValueError` naming `flag` and `text`.
    public static func parse(_ text: String, flag: String) throws(ValueError) -> Endpoint {
        try ValueSyntax.checkCharacters(text, flag: flag)
        if text.isEmpty { throw ValueError(flag: flag, value: text, "is empty; give a URL such as http://10.0.0.1:8080") }
        return try element(Substring(text), flag: flag)
    }

    /// Parses a comma-joined list of URLs, in the order given; empty elements and duplicates are refused.
    public static func parseList(_ text: String, flag: String) throws(ValueError) -> [Endpoint] {
        try ValueSyntax.checkCharacters(text, flag: flag, extra: [","])
        var result: [Endpoint] = []
        for part in try ValueSyntax.elements(of: text, flag: flag) {
            let endpoint = try element(part, flag: flag)
            if result.contains(where: { $0.address.sameEndpoint(as: endpoint.address) }) {
                throw ValueError(flag: flag, value: text, "lists \(endpoint) twice; give each URL once")
            }
            result.append(endpoint)
        }
        return result
    }

    /// One URL whose characters were already checked.
    static func element(_ text: Substring, flag: String) throws(ValueError) -> Endpoint {
        guard let sep = text.firstRange(of: "://") else {
            if text.contains("/") || text.hasPrefix(":") {
                throw ValueError(flag: flag, value: text, "is not a URL; give http(s)://host[:port]")
            }
            throw ValueError(flag: flag, value: text, "has no scheme; did you mean \(suggestedScheme(for: text))://\(text)?")
        }
        let scheme = text[..<sep.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            let shown = scheme.isEmpty ? "an empty scheme" : "scheme '\(scheme)'"
            throw ValueError(flag: flag, value: text, "has \(shown); use http:// or https://")
        }
        var rest = text[sep.upperBound...]
        if let slash = rest.firstIndex(of: "/") {
            let path = rest[slash...]
            guard path == "/" else {
                throw ValueError(flag: flag, value: text, "has a path '\(path)'; give only \(scheme)://host[:port]")
            }
            rest = rest[..<slash]
        }
        do {
            let (host, port) = try HostSyntax.authority(rest, example: "\(scheme)://[fd00::1]:2379")
            return Endpoint(scheme: scheme, host: host, port: port)
        } catch {
            throw ValueError(flag: flag, value: text, error.text)
        }
    }

    /// `https` for the ports apiservers and TLS listen on, `http` otherwise (only for the hint).
    private static func suggestedScheme(for text: Substring) -> String {
        let port = text.split(separator: ":").last.flatMap { Int($0) }
        return [443, 6443, 8443, 2380].contains(port ?? 0) ? "https" : "http"
    }
}

extension HostPort {
    /// Parses `HOST:PORT` (`[IPv6]:PORT`) for `--apiservers` / `--drain`; the port is required and
    /// a URL is refused with a hint.
    public static func parse(_ text: String, flag: String) throws(ValueError) -> HostPort {
        try ValueSyntax.checkCharacters(text, flag: flag)
        if text.isEmpty { throw ValueError(flag: flag, value: text, "is empty; give HOST:PORT such as 10.0.0.1:6443") }
        return try element(Substring(text), flag: flag)
    }

    /// Parses a comma-joined `HOST:PORT` list, in the order given; empty elements and duplicates are refused.
    public static func parseList(_ text: String, flag: String) throws(ValueError) -> [HostPort] {
        try ValueSyntax.checkCharacters(text, flag: flag, extra: [","])
        var result: [HostPort] = []
        for part in try ValueSyntax.elements(of: text, flag: flag) {
            let hostPort = try element(part, flag: flag)
            if result.contains(hostPort) {
                throw ValueError(flag: flag, value: text, "lists \(hostPort) twice; give each HOST:PORT once")
            }
            result.append(hostPort)
        }
        return result
    }

    static func element(_ text: Substring, flag: String) throws(ValueError) -> HostPort {
        if let sep = text.firstRange(of: "://") {
            let hint = Address(parsing: text[sep.upperBound...].prefix { $0 != "/" }).hostPort
            throw ValueError(flag: flag, value: text, "is a URL; \(flag) takes HOST:PORT, e.g. \(hint.isEmpty ? "10.0.0.1:6443" : hint)")
        }
        if text.contains("/") { throw ValueError(flag: flag, value: text, "has a '/'; give HOST:PORT") }
        let parsed: (host: String, port: Int?)
        do {
            parsed = try HostSyntax.authority(text, example: "[fd00::1]:6443")
        } catch {
            throw ValueError(flag: flag, value: text, error.text)
        }
        guard let port = parsed.port else {
            throw ValueError(flag: flag, value: text, "has no port; give HOST:PORT, e.g. \(text):6443")
        }
        return HostPort(host: parsed.host, port: port)
    }
}

extension EtcdMember {
    /// Parses one `NAME=PEER-URL`. Names hold letters, digits, `-`, `_`, `.` (what etcd's
    /// `--initial-cluster` can carry); the peer URL is checked like any `Endpoint`.
    public static func parse(_ text: String, flag: String) throws(ValueError) -> EtcdMember {
        try ValueSyntax.checkCharacters(text, flag: flag, extra: ["="])
        if text.isEmpty { throw ValueError(flag: flag, value: text, "is empty; give NAME=PEER-URL") }
        return try element(Substring(text), flag: flag)
    }

    /// Parses `NAME=PEER-URL,…` in the order given; duplicate names or peer URLs are refused.
    public static func parseList(_ text: String, flag: String) throws(ValueError) -> [EtcdMember] {
        try ValueSyntax.checkCharacters(text, flag: flag, extra: [",", "="])
        var result: [EtcdMember] = []
        for part in try ValueSyntax.elements(of: text, flag: flag) {
            let member = try element(part, flag: flag)
            if result.contains(where: { $0.name == member.name }) {
                throw ValueError(flag: flag, value: text, "names member '\(member.name)' twice; give each member once")
            }
            if result.contains(where: { $0.peerURL.address.sameEndpoint(as: member.peerURL.address) }) {
                throw ValueError(flag: flag, value: text, "lists peer URL \(member.peerURL) twice; each member needs its own")
            }
            result.append(member)
        }
        return result
    }

    static func element(_ text: Substring, flag: String) throws(ValueError) -> EtcdMember {
        guard let eq = text.firstIndex(of: "=") else {
            throw ValueError(flag: flag, value: text, "has no '='; give NAME=PEER-URL, e.g. etcd1=https://10.0.0.1:2380")
        }
        let name = text[..<eq]
        let url = text[text.index(after: eq)...]
        if name.isEmpty { throw ValueError(flag: flag, value: text, "has an empty member name; give NAME=PEER-URL") }
        guard ValueSyntax.isName(name), name.utf8.count <= 255 else {
            throw ValueError(flag: flag, value: text, "has member name '\(name)'; use letters, digits, '-', '_', '.'")
        }
        if url.contains("=") { throw ValueError(flag: flag, value: text, "has more than one '='; give NAME=PEER-URL") }
        if url.isEmpty { throw ValueError(flag: flag, value: text, "has no peer URL after '='") }
        do {
            return EtcdMember(name: String(name), peerURL: try Endpoint.element(url, flag: flag))
        } catch {
            throw ValueError(flag: flag, value: text, error.problem)
        }
    }
}
