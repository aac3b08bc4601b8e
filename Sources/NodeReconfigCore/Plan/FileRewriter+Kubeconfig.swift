extension FileRewriter {
    /// Kubeconfig `server:` values. One file naming several different remote servers is
    /// ambiguous unless `--old-master` says which to rewrite.
    func planKubeconfig(_ file: DiscoveredFile, source: SourceText) throws -> FilePlan {
        let kubeconfig = try Kubeconfig(source)
        let secretsBefore = Set(kubeconfig.secretLines)
        var sites = SiteExtractor.sites(in: kubeconfig)
        var skippedByOldMaster: [FileEdit] = []
        if let master = targets.master {
            let remote = sites.filter { !$0.token.text.contains("$") && !$0.token.text.isEmpty && !Address(parsing: $0.token.text[...]).isLoopback }
            if !targets.oldMasters.isEmpty {
                let old = targets.oldMasters.map(\.address) + [master.address]
                sites = sites.filter { site in
                    let address = Address(parsing: site.token.text[...])
                    if address.isLoopback || old.contains(where: { $0.sameEndpoint(as: address) }) { return true }
                    skippedByOldMaster.append(FileEdit(role: .master, label: site.label, line: site.lineNumber, before: site.token.text,
                                                       after: site.token.text, outcome: .skipped, reason: "not an --old-master"))
                    return false
                }
            } else {
                var distinct: [Address] = []
                for site in remote {
                    let address = Address(parsing: site.token.text[...])
                    if !distinct.contains(where: { $0.sameEndpoint(as: address) }) { distinct.append(address) }
                }
                if distinct.count > 1 {
                    let line = remote.first(where: { !Address(parsing: $0.token.text[...]).sameEndpoint(as: distinct[0]) })?.lineNumber ?? 1
                    throw NodeReconfigError.ambiguous(path: file.displayPath, line: line, message:
                        "this kubeconfig names several apiservers (\(distinct.map(\.description).joined(separator: ", "))); say which to replace with --old-master=URL.")
                }
            }
        }
        let (patches, edits) = try decide(sites, path: file.displayPath)
        let updated = try source.applying(patches)
        let secretsAfter = Set(try Kubeconfig(updated).secretLines)
        return FilePlan(file: file, updated: updated.bytes, edits: (edits + skippedByOldMaster).sorted { $0.line < $1.line },
                        secretLinesBefore: secretsBefore, secretLinesAfter: secretsAfter)
    }
}
