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
