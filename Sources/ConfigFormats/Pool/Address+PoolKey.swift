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
