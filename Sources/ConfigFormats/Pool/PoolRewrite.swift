/// What setting a pool's servers comes to: the patches (none when the pool already holds
/// exactly those servers), and the servers it held, as `host:port` joined by commas in file order
/// (one string: a list of 876,000 made ~64 bytes a server).
public struct PoolRewrite: Sendable, Equatable {
    public var patches: [Patch]
    public var before: String

    public init(patches: [Patch], before: String) {
        self.patches = patches
        self.before = before
    }
}
