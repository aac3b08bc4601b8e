/// An address a load balancer listens on for the clients of one pool: nginx `listen` in the
/// servers that `proxy_pass` to the upstream, haproxy `bind` in the frontends that use the
/// backend (or in the `listen` section itself). What the no-self-loop rule compares a new
/// pool entry with (SPEC "Values"): a pool must never send requests to its own listener.
public struct PoolListener: Sendable, Equatable {
    /// The address listened on; nil for every address of the host (`listen 6443`, `bind *:8443`,
    /// `0.0.0.0`, `[::]`). Lowercased, without brackets.
    public var host: String?
    /// The ports (a haproxy `bind :6443-6445` covers several).
    public var ports: ClosedRange<Int>
    /// 0-based line of the `listen`/`bind` directive.
    public var line: Int
    /// The directive as written, for messages: `listen 443`, `bind *:8443`.
    public var text: String

    public init(host: String?, ports: ClosedRange<Int>, line: Int, text: String) {
        self.host = host
        self.ports = ports
        self.line = line
        self.text = text
    }

    /// True when a connection to `address` would reach this listener: same port, and the same
    /// host, or any host when the listener takes every address and `isThisHost` says the
    /// address is this host's (its own, a VIP it may hold, loopback).
    public func receives(_ address: Address, isThisHost: (String) -> Bool) -> Bool {
        guard let port = address.port, ports.contains(port) else { return false }
        let wanted = address.host.lowercased()
        guard let host else { return isThisHost(wanted) }
        return host == wanted
    }

    /// Reads a listen address as nginx (`6443`, `127.0.0.1:6443`, `[::]:6443`, `*:6443`) or
    /// haproxy (`:6443`, `*:8443`, `:::8443`, `ipv4@10.0.0.1:6443`, `:6443-6445`) write it; nil
    /// for what is no TCP address (`unix:/run/lb.sock`, `/run/lb.sock`, `abns@x`, `fd@3`).
    public static func reading(_ word: String, line: Int, text: String, defaultHost: String? = nil) -> PoolListener? {
        var word = Substring(word)
        for prefix in ["ipv4@", "ipv6@", "tcp@", "tcp4@", "tcp6@"] where word.hasPrefix(prefix) { word = word.dropFirst(prefix.count) }
        if word.hasPrefix("/") || word.contains("@") || word.hasPrefix("unix:") { return nil }
        var hostPart: Substring = ""
        var portPart: Substring = word
        if word.hasPrefix("["), let close = word.firstIndex(of: "]") {
            hostPart = word[word.index(after: word.startIndex)..<close]
            portPart = word[word.index(after: close)...].drop { $0 == ":" }
        } else if let colon = word.lastIndex(of: ":") {
            hostPart = word[..<colon]
            portPart = word[word.index(after: colon)...]
        } else if word.allSatisfy({ $0.isNumber || $0 == "-" }) {
            hostPart = ""
        } else {
            // `listen localhost;`: a host alone listens on port 80.
            hostPart = word
            portPart = "80"
        }
        let bounds = portPart.split(separator: "-", maxSplits: 1).map { Int($0) }
        guard let low = bounds.first ?? nil, let high = bounds.last ?? nil, low <= high else { return nil }
        let host = hostPart.lowercased()
        let any = ["", "*", "0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0"].contains(host)
        return PoolListener(host: any ? defaultHost : host, ports: low...high, line: line, text: text)
    }
}

extension LoadBalancerConfig {
    /// The listeners of `pool`, or, where nothing in the file is seen to use it (an upstream
    /// named through a variable, a backend no frontend names), every listener of the file: the
    /// rule would rather refuse a server than miss a loop.
    public func selfLoopListeners(of pool: LoadBalancerPool) -> [PoolListener] {
        let own = listeners(of: pool)
        return own.isEmpty ? allListeners : own
    }
}
