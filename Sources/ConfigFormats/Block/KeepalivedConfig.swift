/// keepalived.conf (`BlockConfig.Syntax.keepalived`): the virtual addresses its VRRP instances
/// hold (`virtual_ipaddress`, `virtual_ipaddress_excluded`) and the peers they speak to
/// (`unicast_peer`). Read only: node-reconfig never rewrites keepalived.conf (a migration
/// provisions it fresh on the new masters), but a virtual address held here is one of the load
/// balancer's own addresses, which its pool must never point back at.
///
///     vrrp_instance VI_1 {
///         unicast_peer {
///             10.0.0.12
///         }
///         virtual_ipaddress {
///             10.0.0.100/24 dev eth0 label eth0:vip
///         }
///     }
public struct KeepalivedConfig: Sendable {
    /// One address of a `virtual_ipaddress` or `unicast_peer` block.
    public struct Address: Sendable, Equatable {
        /// The address word as written (`10.0.0.100/24`, `fd00::1/64`).
        public var token: ValueToken
        /// The address without its prefix length (`10.0.0.100`).
        public var host: String
        /// The prefix length after `/`, when written.
        public var prefixLength: Int?
        /// The `vrrp_instance` holding it, when it has a name.
        public var instance: String?
        /// True for `virtual_ipaddress_excluded` (held, but not sent in VRRP adverts).
        public var isExcluded: Bool

        /// 0-based line.
        public var line: Int { token.line }
    }

    public let config: BlockConfig
    /// Every virtual address, in file order: the addresses this host holds when it is the VRRP master.
    public let virtualAddresses: [Address]
    /// Every unicast peer, in file order: the other load-balancer hosts.
    public let unicastPeers: [Address]

    public init(_ source: SourceText) throws(FormatError) {
        let config = try BlockConfig(source, syntax: .keepalived)
        self.config = config
        self.virtualAddresses = try Self.addresses(in: config, blocks: ["virtual_ipaddress", "virtual_ipaddress_excluded"])
        self.unicastPeers = try Self.addresses(in: config, blocks: ["unicast_peer"])
    }

    public var source: SourceText { config.source }

    /// The file's bytes, unchanged.
    public func render() -> [UInt8] { config.render() }

    /// The first word of every statement inside the blocks named `names`.
    private static func addresses(in config: BlockConfig, blocks names: Set<String>) throws(FormatError) -> [Address] {
        var found: [Address] = []
        for name in names.sorted() {
            for (statement, parents) in config.statements(named: name) {
                guard let block = statement.block else {
                    throw FormatError(line: statement.line + 1, "'\(name)' without a '{ … }' block of addresses")
                }
                let instance = parents.last(where: { $0.name == "vrrp_instance" })?.arguments.first?.text
                for entry in block {
                    guard let word = entry.words.first else { continue }
                    let parts = word.text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
                    var prefix: Int? = nil
                    if parts.count == 2 {
                        guard let length = Int(parts[1]), (0...128).contains(length) else {
                            throw FormatError(line: word.line + 1, "'\(word.text)' in '\(name)' has a prefix length keepalived does not accept")
                        }
                        prefix = length
                    }
                    found.append(Address(token: word, host: String(parts[0]), prefixLength: prefix, instance: instance,
                                         isExcluded: name == "virtual_ipaddress_excluded"))
                }
            }
        }
        return found.sorted { ($0.token.line, $0.token.range.lowerBound) < ($1.token.line, $1.token.range.lowerBound) }
    }
}
