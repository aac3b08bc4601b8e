/// A kind whose values are single tokens of a known role (`server:`, `--etcd-servers`,
/// `FLANNEL_ETCD`, `initial-cluster:`): every kind but the load balancers. The handler says where
/// the sites are; the value rules (SPEC "Values") decide, the same for every kind.
protocol SiteHandler: FileHandler {
    /// Every value of a known role in `source`, in file order.
    func sites(in source: SourceText) throws(FormatError) -> [Site]
    /// 0-based lines holding secrets (tokens, passwords): their values are redacted from every
    /// diff (`keyed`, the key shown), or the whole line (`whole`: a secret's further lines).
    func secretLines(in source: SourceText) throws(FormatError) -> (keyed: [Int], whole: [Int])
}

extension SiteHandler {
    func secretLines(in source: SourceText) throws(FormatError) -> (keyed: [Int], whole: [Int]) { ([], []) }

    func plan(_ file: DiscoveredFile, source: SourceText, targets: Targets) throws(NodeReconfigError) -> FilePlan {
        let path = file.displayPath
        let sites = try NodeReconfigError.reading(path) { () throws(FormatError) in try self.sites(in: source) }
        let (patches, edits) = try SiteRewrite.decide(sites, targets: targets, path: path)
        return try NodeReconfigError.reading(path) { () throws(FormatError) in
            let updated = try source.applying(patches)
            let (before, after) = (try secretLines(in: source), try secretLines(in: updated))
            return FilePlan(file: file, updated: updated.bytes, edits: edits, secretLinesBefore: Set(before.keyed), secretLinesAfter: Set(after.keyed),
                            hiddenLinesBefore: Set(before.whole), hiddenLinesAfter: Set(after.whole))
        }
    }

    func detect(_ source: SourceText, lbPool: String?) throws(FormatError) -> [DetectedValue] {
        try sites(in: source).map { site in
            DetectedValue(role: site.role, label: site.label, line: site.lineNumber, value: site.token.text, note: SiteRewrite.note(for: site))
        }
    }

    func check(_ source: SourceText) throws(FormatError) {
        _ = try sites(in: source)
    }
}

/// The value rules applied to a file's sites: shared by every `SiteHandler`.
enum SiteRewrite {
    /// The new value for a role, or nil when the operator did not ask to change it.
    static func target(for role: Role, in targets: Targets) -> String? {
        switch role {
        case .master: return targets.master?.description
        case .etcd: return targets.etcdList
        case .members: return targets.membersList
        case .pool: return nil
        }
    }

    /// Applies the value rules to each site; sites whose role was not asked for are left out.
    static func decide(_ sites: [Site], targets: Targets, path: String) throws(NodeReconfigError) -> ([Patch], [FileEdit]) {
        var patches: [Patch] = []
        var edits: [FileEdit] = []
        for site in sites {
            guard let target = target(for: site.role, in: targets) else { continue }
            let current = site.token.text
            let edit = { (after: String, outcome: FileEdit.Outcome, reason: String?) in
                FileEdit(role: site.role, label: site.label, line: site.lineNumber, before: current, after: after, outcome: outcome, reason: reason)
            }
            switch ValueRule.decide(current: current, role: site.role, target: target) {
            case .rewrite(let new):
                if site.isAgentServer, let refusal = AgentServerURL.refusal(current: current, target: new, label: site.label) {
                    throw .ambiguous(path: path, line: site.lineNumber, message: refusal)
                }
                do { patches.append(try site.token.patch(with: new)) } catch { throw .format(path: path, error) }
                edits.append(edit(new, .changed, nil))
            case .unchanged:
                edits.append(edit(current, .unchanged, nil))
            case .skip(let reason):
                edits.append(edit(current, .skipped, reason))
            case .refuse(let message):
                throw .ambiguous(path: path, line: site.lineNumber, message: message)
            }
        }
        return (patches, edits)
    }

    /// What `detect` says of a value: why it would be left alone, or which cluster it belongs to.
    static func note(for site: Site) -> String? {
        switch ValueRule.classify(site.token.text, role: site.role) {
        case .left(let reason): return reason
        case .mixed: return "mixes loopback and remote addresses"
        case .remote: return site.cluster.map { "cluster \($0)" }
        }
    }

    /// Flags of a known role among command-line words.
    static let scanner = FlagScanner(valueFlags: Role.valueFlags)

    static func flagSites(_ words: [ValueToken]) -> [Site] {
        sites(of: scanner.scan(words))
    }

    /// Shell words keep quotes inside a word (`--master="http://x"`) patchable.
    static func flagSites(_ words: [ShellWord]) -> [Site] {
        sites(of: scanner.scan(words))
    }

    static func sites(of flags: [FlagOccurrence]) -> [Site] {
        flags.compactMap { flag in
            guard let role = Role.flags[flag.name] else { return nil }
            return Site(role: role, label: flag.spelling, token: flag.value)
        }
    }

    /// A `NAME=VALUE` assignment: the value itself when the name is known, else flags inside it.
    /// Shell words keep quotes inside the value (`'--master="http://x"'`) out of the address.
    static func assignmentSites(name: String, value: ValueToken, shellWords: [ShellWord]) -> [Site] {
        if let role = Role.variables[name] {
            return [Site(role: role, label: name, token: value, isAgentServer: AgentServerURL.variables.contains(name))]
        }
        return flagSites(shellWords)
    }
}
