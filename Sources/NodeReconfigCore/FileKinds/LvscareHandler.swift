/// lvscare's static pod (sealos, sealer, OpenYurt): the `--rs HOST:PORT` items of its `args:`
/// are the node-local apiserver pool, an IPVS virtual server (`--vs`, kept as it is) in front of
/// the masters. `--apiservers` sets the list (kept entries keep their items, new ones copy the
/// first entry's form), `--drain` removes an entry (lvscare has no "down"). kubelet recreates the
/// pod when the manifest changes, and lvscare rebuilds the virtual server from its `--rs` list
/// when it starts: no service is restarted.
struct LvscareHandler: FileHandler {
    let kind = FileKind.lvscare

    /// sealos 4 (`kube-sealos-lvscare`), sealos 3 (`kube-sealyun-lvscare`), sealer and OpenYurt
    /// (`kube-lvscare`).
    let catalog: [CatalogEntry] = [
        CatalogEntry("/etc/kubernetes/manifests/kube-sealos-lvscare.yaml", .lvscare, .loadBalancer, services: [], origin: "sealos"),
        CatalogEntry("/etc/kubernetes/manifests/kube-sealyun-lvscare.yaml", .lvscare, .loadBalancer, services: [], origin: "sealos 3"),
        CatalogEntry("/etc/kubernetes/manifests/kube-lvscare.yaml", .lvscare, .loadBalancer, services: [], origin: "sealer / OpenYurt"),
    ]
    var restartsItsService: Bool { false }
    var fallbackUse: (component: Component, services: [String])? { (.loadBalancer, []) }

    /// The pool's label in reports.
    static let label = "lvscare --rs"

    func plan(_ file: DiscoveredFile, source: SourceText, targets: Targets) throws(NodeReconfigError) -> FilePlan {
        try NodeReconfigError.reading(file.displayPath) { () throws(FormatError) in
            var text = source
            var edits: [FileEdit] = []
            if let wanted = targets.effectiveApiservers {
                let manifest = try LvscareManifest(text)
                if manifest.container != nil {
                    let list = wanted.map(\.description)
                    let rewrite = try manifest.rewrite(settingServersTo: list)
                    edits.append(FileEdit(role: .pool, label: Self.label, line: Self.line(of: manifest), before: rewrite.before,
                                          after: rewrite.patches.isEmpty ? rewrite.before : list.joined(separator: ","),
                                          outcome: rewrite.patches.isEmpty ? .unchanged : .changed))
                    text = try text.applying(rewrite.patches)
                }
            }
            if let drain = targets.drain, !drain.isEmpty {
                let manifest = try LvscareManifest(text)
                let names = Set(drain.map(\.description))
                let patches = try manifest.patches(draining: names)
                for server in manifest.realServers where names.contains(server.address.hostPort) {
                    var edit = FileEdit(role: .pool, label: "\(Self.label) drain", line: server.token.line + 1, before: server.address.hostPort,
                                        after: "(removed)", outcome: .changed)
                    edit.isDrain = true
                    edits.append(edit)
                }
                text = try text.applying(patches)
            }
            return FilePlan(file: file, updated: text.bytes, edits: edits)
        }
    }

    func detect(_ source: SourceText, use: FileUse, lbPool: String?) throws(FormatError) -> [DetectedValue] {
        let manifest = try LvscareManifest(source)
        guard manifest.container != nil else { return [] }
        let vip = manifest.virtualServer.map { "virtual server \($0.text)" } ?? "no --vs"
        return [DetectedValue(role: .pool, label: Self.label, line: Self.line(of: manifest), value: manifest.serverList,
                              note: "apiserver pool behind \(vip); kubelet recreates the pod")]
    }

    func check(_ source: SourceText) throws(FormatError) {
        _ = try LvscareManifest(source)
    }

    /// Every `--rs` list is an apiserver pool: a loopback kubeconfig on a sealos node goes
    /// through it.
    func holdsApiserverPool(_ source: SourceText, lbPool: String?) -> Bool {
        (try? LvscareManifest(source))?.container != nil
    }

    /// 1-based line of the pool: its first `--rs`, else the container.
    static func line(of manifest: LvscareManifest) -> Int {
        (manifest.realServers.first?.lines.lowerBound ?? manifest.container?.line ?? 0) + 1
    }
}

extension FileKind {
    /// `lvscare`: lvscare's static pod manifest.
    public static let lvscare = FileKind(name: "lvscare")
}
