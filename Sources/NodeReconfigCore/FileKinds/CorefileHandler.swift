/// CoreDNS's Corefile when CoreDNS runs on the node (`/etc/coredns/Corefile`): the `endpoint`
/// of its `kubernetes` plugin is the apiserver. A change restarts `coredns` where it runs.
struct CorefileHandler: SiteHandler {
    let kind = FileKind.corefile

    let catalog: [CatalogEntry] = [
        CatalogEntry("/etc/coredns/Corefile", .corefile, .addons, services: ["coredns"], origin: "CoreDNS on the node"),
    ]

    func sites(in source: SourceText) throws(FormatError) -> [Site] {
        try Corefile(source).endpoints.flatMap { endpoint in
            endpoint.urls.map { Site(role: .master, label: "endpoint", token: $0) }
        }
    }

    /// As every site kind, except that an `endpoint` naming several apiservers (CoreDNS before
    /// 1.5) is refused when `--master` is given: which of them the one new URL replaces is the
    /// operator's call.
    func plan(_ file: DiscoveredFile, source: SourceText, targets: Targets) throws(NodeReconfigError) -> FilePlan {
        let path = file.displayPath
        let corefile = try NodeReconfigError.reading(path) { () throws(FormatError) in try Corefile(source) }
        if targets.master != nil, let several = corefile.endpoints.first(where: { $0.urls.count > 1 }) {
            throw .ambiguous(path: path, line: several.line + 1, message:
                "this 'endpoint' names several apiservers (\(several.urls.map(\.text).joined(separator: " "))); write the one to keep by hand, then run again.")
        }
        let sites = corefile.endpoints.flatMap { endpoint in endpoint.urls.map { Site(role: .master, label: "endpoint", token: $0) } }
        let (patches, edits) = try SiteRewrite.decide(sites, targets: targets, path: path)
        let updated = try NodeReconfigError.reading(path) { () throws(FormatError) in try source.applying(patches) }
        return FilePlan(file: file, updated: updated.bytes, edits: edits)
    }

    var fallbackUse: (component: Component, services: [String])? { (.addons, ["coredns"]) }
}

extension FileKind {
    public static let corefile = FileKind(name: "corefile")
}
