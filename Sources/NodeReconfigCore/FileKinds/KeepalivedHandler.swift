/// keepalived.conf: read, never rewritten (SPEC: a migration provisions it fresh on the new
/// masters). `detect` reports the virtual addresses it holds (`virtual_ipaddress`) and its
/// unicast peers; a virtual address is one of the load balancer's own addresses, which no pool
/// may point back at (`virtualAddresses(in:)`).
struct KeepalivedHandler: SiteHandler {
    let kind = FileKind.keepalived

    let catalog: [CatalogEntry] = [
        CatalogEntry("/etc/keepalived/keepalived.conf", .keepalived, .loadBalancer, services: [], origin: "keepalived"),
    ]

    /// Its addresses as sites of roles no target rewrites: `plan` never changes the file.
    func sites(in source: SourceText) throws(FormatError) -> [Site] {
        let config = try KeepalivedConfig(source)
        let label = { (address: KeepalivedConfig.Address, name: String) in
            address.instance.map { "\(name) (\($0))" } ?? name
        }
        return (config.virtualAddresses.map {
            Site(role: .virtualAddress, label: label($0, $0.isExcluded ? "virtual_ipaddress_excluded" : "virtual_ipaddress"), token: $0.token)
        } + config.unicastPeers.map {
            Site(role: .peer, label: label($0, "unicast_peer"), token: $0.token)
        }).sorted { ($0.token.line, $0.token.range.lowerBound) < ($1.token.line, $1.token.range.lowerBound) }
    }

    /// The hosts of the virtual addresses a keepalived.conf holds (`10.0.0.100`, prefix length
    /// left out): the load balancer's own addresses for the no-self-loop rule.
    static func virtualAddresses(in source: SourceText) throws(FormatError) -> [String] {
        try KeepalivedConfig(source).virtualAddresses.map(\.host)
    }

    var fallbackUse: (component: Component, services: [String])? { (.loadBalancer, []) }
}

extension FileKind {
    public static let keepalived = FileKind(name: "keepalived")
}
