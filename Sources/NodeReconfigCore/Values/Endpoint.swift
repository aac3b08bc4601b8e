/// A validated URL from the operator: `http(s)://host[:port]`, no trailing `/`.
/// Parsing and validation (with messages naming the flag) live in `Endpoint+Parsing.swift`.
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
