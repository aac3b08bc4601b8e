/// OpenShift 3.x `master-config.yaml`: `etcdClientInfo.urls`, the etcd the master API and
/// controllers use, a YAML list rewritten as a whole (one item per `--etcd` URL, in the list's
/// own style; the other keys of `etcdClientInfo` untouched). A change restarts `master-api` and
/// `master-controllers` (`master-restart api` / `controllers` where that program exists, see
/// `MasterRestart`).
struct OpenShiftMasterHandler: SiteHandler {
    let kind = FileKind.openshiftMaster

    let catalog: [CatalogEntry] = [
        CatalogEntry("/etc/origin/master/master-config.yaml", .openshiftMaster, .kubeAPIServer,
                     services: MasterRestart.masterServices, origin: "OpenShift 3.x"),
    ]

    static let label = "etcdClientInfo.urls"

    /// The etcd TLS files of `etcdClientInfo` (for the preflight, never read) and the master's
    /// own kubeconfig (`masterClients.openshiftLoopbackKubeConfig`), both relative to
    /// `/etc/origin/master/`.
    func references(in source: SourceText, context: ReferenceContext) throws(FormatError) -> [Reference] {
        let config = try OpenShiftMasterConfig(source)
        let purposes: [String: CredentialReference.Purpose] = ["ca": .ca, "certFile": .cert, "keyFile": .key]
        var references = config.etcdClientFiles.compactMap { file in
            purposes[file.key].map { purpose in
                Reference(.credential(.etcd, purpose), path: file.path.text, base: .namingFile, line: file.path.token.line, label: "etcdClientInfo.\(file.key)")
            }
        }
        if let kubeconfig = config.loopbackKubeConfig {
            references.append(Reference(.file(.kubeconfig), path: kubeconfig.text, base: .namingFile, line: kubeconfig.token.line,
                                        label: "openshiftLoopbackKubeConfig", isOptional: true,
                                        use: FileUse(component: .kubeAPIServer, services: MasterRestart.masterServices)))
        }
        return references
    }

    /// One site per URL item (what `detect` lists); `plan` rewrites the list whole.
    func sites(in source: SourceText) throws(FormatError) -> [Site] {
        (try OpenShiftMasterConfig(source).etcdURLs?.items ?? []).map { Site(role: .etcd, label: Self.label, token: $0.token) }
    }

    /// The list as one value (its items comma-joined) under the value rules: loopback, a
    /// variable, mixed lists as for every etcd list; a different list is written item by item.
    func plan(_ file: DiscoveredFile, source: SourceText, targets: Targets) throws(NodeReconfigError) -> FilePlan {
        let path = file.displayPath
        let config = try NodeReconfigError.reading(path) { () throws(FormatError) in try OpenShiftMasterConfig(source) }
        guard let list = config.etcdURLs, let etcd = targets.etcd else {
            return FilePlan(file: file, updated: file.bytes, edits: [])
        }
        // The rules decide on the joined list as on any one value; the patch they make for it
        // is not used (the list is written item by item below).
        let joined = Site(role: .etcd, label: Self.label,
                          token: ValueToken(text: list.values.joined(separator: ","), line: list.items.first?.token.line ?? list.line, range: 0..<0))
        let (_, edits) = try SiteRewrite.decide([joined], targets: targets, path: path)
        guard edits.contains(where: { $0.outcome == .changed }) else {
            return FilePlan(file: file, updated: file.bytes, edits: edits)
        }
        let updated = try NodeReconfigError.reading(path) { () throws(FormatError) in
            try source.applying(list.patches(setting: etcd.map(\.description), in: source))
        }
        return FilePlan(file: file, updated: updated.bytes, edits: edits)
    }

    var fallbackUse: (component: Component, services: [String])? { (.kubeAPIServer, MasterRestart.masterServices) }
}

extension FileKind {
    public static let openshiftMaster = FileKind(name: "openshift-master")
}
