/// One server line of a load-balancer pool, format-neutral.
public struct PoolServer: Sendable, Equatable {
    /// 0-based line of the server directive.
    public var line: Int
    /// The server's name (haproxy `server NAME ADDRESS`); nil for nginx.
    public var name: String?
    /// The name's token (haproxy), for renaming a copied line.
    public var nameToken: ValueToken?
    /// The address, read leniently (haproxy IPv6 without brackets takes the last `:` field as port).
    public var address: Address
    /// Where the address sits, for swapping it.
    public var addressToken: ValueToken
    /// nginx `down` / haproxy `disabled`.
    public var isDown: Bool
    /// nginx or haproxy `backup`.
    public var isBackup: Bool
    /// UTF-8 spans on `line` of the `down`/`disabled`/`backup` words (quotes included).
    public var markerSpans: [Range<Int>]
    /// 0-based line and UTF-8 offset just after the last parameter: where ` down`/` disabled`
    /// goes (the line differs from `line` only for an nginx server spanning lines).
    public var insertionLine: Int
    public var insertionOffset: Int
    /// The line holds this server and nothing else that matters (only blanks or a comment
    /// besides), so it can be moved, copied or deleted as a whole line.
    public var ownsLine: Bool
    /// haproxy's `ipv4@` / `ipv6@` before the address (not part of `address` or `addressToken`).
    public var addressPrefix: String?

    /// The address-family prefixes haproxy accepts on a server address.
    public static let familyPrefixes = ["ipv4@", "ipv6@"]

    public init(line: Int, name: String? = nil, nameToken: ValueToken? = nil, address: Address, addressToken: ValueToken, isDown: Bool, isBackup: Bool, markerSpans: [Range<Int>], insertionLine: Int, insertionOffset: Int, ownsLine: Bool, addressPrefix: String? = nil) {
        self.line = line
        self.name = name
        self.nameToken = nameToken
        self.address = address
        self.addressToken = addressToken
        self.isDown = isDown
        self.isBackup = isBackup
        self.markerSpans = markerSpans
        self.insertionLine = insertionLine
        self.insertionOffset = insertionOffset
        self.ownsLine = ownsLine
        self.addressPrefix = addressPrefix
    }
}
