/// The servers of a pool, in file order: stored (haproxy, tests), or read from an nginx file's
/// compact form one at a time (a large upstream keeps 4 bytes a server until one is asked for).
public struct PoolServers: RandomAccessCollection, Sendable, Equatable {
    enum Storage: Sendable {
        case stored([PoolServer])
        case nginx(NginxServerTable)
    }

    let storage: Storage

    public init(_ servers: [PoolServer]) {
        self.storage = .stored(servers)
    }

    init(_ table: NginxServerTable) {
        self.storage = .nginx(table)
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .stored(let servers): return servers.count
        case .nginx(let table): return table.count
        }
    }

    public subscript(position: Int) -> PoolServer {
        switch storage {
        case .stored(let servers): return servers[position]
        case .nginx(let table): return table.server(at: position)
        }
    }

    public static func == (lhs: PoolServers, rhs: PoolServers) -> Bool {
        lhs.elementsEqual(rhs)
    }
}

/// What the pool rewrite needs of every server (address, down, whether it owns its line), read
/// without the rest of a `PoolServer`: no token text, no marker spans, for an nginx pool not
/// even a string for the address token.
struct PoolServerSummary {
    var line: Int
    var address: Address
    var isDown: Bool
    var ownsLine: Bool

    init(line: Int, address: Address, isDown: Bool, ownsLine: Bool) {
        self.line = line
        self.address = address
        self.isDown = isDown
        self.ownsLine = ownsLine
    }

    init(_ server: PoolServer) {
        self.init(line: server.line, address: server.address, isDown: server.isDown, ownsLine: server.ownsLine)
    }
}

extension PoolServers {
    /// Server `position`'s summary.
    func summary(at position: Int) -> PoolServerSummary {
        switch storage {
        case .stored(let servers): return PoolServerSummary(servers[position])
        case .nginx(let table): return table.summary(at: position)
        }
    }
}
