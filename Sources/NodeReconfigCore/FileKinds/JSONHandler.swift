/// JSON files: CNI network configs (`/etc/cni/net.d/*.conf`, `*.conflist`), and any JSON file
/// given with `--file=json:PATH`. The calico plugin's `etcd_endpoints` (at the top of a `.conf`,
/// inside `plugins` of a `.conflist`, wherever it is) holds the etcd list, its
/// `kubernetes.k8s_api_root` the apiserver. An edit swaps the bytes between one string's quotes;
/// a string written with escapes is refused with its line. The CNI plugin reads the file at
/// every pod it sets up: nothing is restarted.
struct JSONHandler: SiteHandler {
    let kind = FileKind.json

    /// CNI configs in the directory every runtime reads (`.conf`, `.conflist`, `.json`, as libcni).
    let catalog: [CatalogEntry] = ["conf", "conflist", "json"].map { suffix in
        CatalogEntry("/etc/cni/net.d/*.\(suffix)", .json, .cni, services: [], origin: "CNI")
    }

    /// Members holding a value of a known role, wherever they are in the file.
    static let members: [(path: JSONPath, role: Role)] = [
        ("..etcd_endpoints", .etcd),
        ("..k8s_api_root", .master),
    ]

    func sites(in source: SourceText) throws(FormatError) -> [Site] {
        let document = try JSONDocument(source)
        var sites: [Site] = []
        for (path, role) in Self.members {
            guard case .anywhere(let key) = path.components.first else { continue }
            for string in document.strings(at: path) {
                sites.append(Site(role: role, label: key, token: string.token))
            }
        }
        return sites.sorted { ($0.token.line, $0.token.range.lowerBound) < ($1.token.line, $1.token.range.lowerBound) }
    }

    /// A `--file=json:` whose name says nothing is a CNI config.
    var fallbackUse: (component: Component, services: [String])? { (.cni, []) }
}

extension FileKind {
    public static let json = FileKind(name: "json")
}
