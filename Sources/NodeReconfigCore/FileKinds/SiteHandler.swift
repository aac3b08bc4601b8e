/// A kind whose values are single tokens of a known role (`server:`, `--etcd-servers`,
/// `FLANNEL_ETCD`, `initial-cluster:`): every kind but the load balancers. The handler says where
/// the sites are; the value rules (SPEC "Values") decide, the same for every kind.
protocol SiteHandler: FileHandler {
    /// Every value of a known role in `source`, in file order.
    func sites(in source: SourceText) throws(FormatError) -> [Site]
    /// The same, as `use` reads the file: variables its program's flags take whole have that
    /// role too (`--etcd-servers=${ETCD_SERVERS}`: `ETCD_SERVERS` holds the etcd list).
    func sites(in source: SourceText, use: FileUse) throws(FormatError) -> [Site]
    /// 0-based lines holding secrets (tokens, passwords): their values are redacted from every
    /// diff (`keyed`, the key shown), or the whole line (`whole`: a secret's further lines).
    func secretLines(in source: SourceText) throws(FormatError) -> (keyed: [Int], whole: [Int])
}

extension SiteHandler {
    func sites(in source: SourceText, use: FileUse) throws(FormatError) -> [Site] {
        try sites(in: source)
    }

    func secretLines(in source: SourceText) throws(FormatError) -> (keyed: [Int], whole: [Int]) { ([], []) }

    func plan(_ file: DiscoveredFile, source: SourceText, targets: Targets) throws(NodeReconfigError) -> FilePlan {
        let path = file.displayPath
        let sites = try NodeReconfigError.reading(path) { () throws(FormatError) in try self.sites(in: source, use: file.use) }
        let (patches, edits) = try SiteRewrite.decide(sites, targets: targets, path: path)
        return try NodeReconfigError.reading(path) { () throws(FormatError) in
            let updated = try source.applying(patches)
            let (before, after) = (try secretLines(in: source), try secretLines(in: updated))
            return FilePlan(file: file, updated: updated.bytes, edits: edits, secretLinesBefore: Set(before.keyed), secretLinesAfter: Set(after.keyed),
                            hiddenLinesBefore: Set(before.whole), hiddenLinesAfter: Set(after.whole))
        }
    }

    func detect(_ source: SourceText, use: FileUse, lbPool: String?) throws(FormatError) -> [DetectedValue] {
        try sites(in: source, use: use).map { site in
            var value = DetectedValue(role: site.role, label: site.label, line: site.lineNumber, value: site.token.text, note: SiteRewrite.note(for: site))
            if case .left(let left) = ValueRule.classify(site.token.text, role: site.role) { value.left = left }
            return value
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
        case .memberState: return targets.etcdMembers == nil ? nil : "existing"
        case .pool, .virtualAddress, .peer: return nil
        }
    }

    /// The new value for a site: its role's, or the first URL of the list where the site takes
    /// one URL (kube2sky's `--etcd-server`).
    static func target(for site: Site, in targets: Targets) -> String? {
        if site.takesOneURL, site.role == .etcd { return targets.etcd?.first?.description }
        return target(for: site.role, in: targets)
    }

    /// Applies the value rules to each site; sites whose role was not asked for are left out.
    static func decide(_ sites: [Site], targets: Targets, path: String) throws(NodeReconfigError) -> ([Patch], [FileEdit]) {
        var patches: [Patch] = []
        var edits: [FileEdit] = []
        // A member's initial-cluster-state goes with its membership list: a file whose list is
        // left as it is (empty: etcd's single-member default; loopback) keeps its state too.
        let holdsMembership = sites.contains { $0.role == .members && ValueRule.classify($0.token.text, role: .members) == .remote }
        for site in sites {
            guard let target = target(for: site, in: targets) else { continue }
            if site.role == .memberState, !holdsMembership { continue }
            let current = site.token.text
            let edit = { (after: String, outcome: FileEdit.Outcome, left: ValueRule.Left?) in
                FileEdit(role: site.role, label: site.label, line: site.lineNumber, before: current, after: after, outcome: outcome, left: left)
            }
            switch ValueRule.decide(current: current, role: site.role, target: target, local: targets.localAddresses) {
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
        case .left(let reason): return reason.description
        case .mixed: return "mixes loopback and remote addresses"
        case .built: return "built from variables or computed (a run changing it is refused)"
        case .remote: return site.cluster.map { "cluster \($0)" }
        }
    }

    /// Flags of a known role among command-line words.
    static let scanner = FlagScanner(valueFlags: Role.valueFlags)

    static func flagSites(_ words: [ValueToken]) -> [Site] {
        sites(of: scanner.scan(words))
    }

    /// Shell words keep quotes inside a word (`--master="http://x"`) patchable. Besides flags,
    /// a known variable passed to a container (`docker run -e ETCD_ENDPOINTS=…`) is a site.
    static func flagSites(_ words: [ShellWord]) -> [Site] {
        (sites(of: scanner.scan(words)) + environmentOptionSites(words)).sorted {
            ($0.token.line, $0.token.range.lowerBound) < ($1.token.line, $1.token.range.lowerBound)
        }
    }

    static func sites(of flags: [FlagOccurrence]) -> [Site] {
        flags.compactMap { flag in
            guard let role = Role.flags[flag.name] else { return nil }
            return Site(role: role, label: flag.spelling, token: flag.value, takesOneURL: Role.singleURLFlags.contains(flag.name))
        }
    }

    /// `docker run`'s environment options naming a variable of SPEC's (`-e ETCD_ENDPOINTS=…`,
    /// `--env ETCD_ENDPOINTS=…`, `--env=…`, `-e=…`, `-eETCD_ENDPOINTS=…`): the value after
    /// `NAME=` is the site, labelled `-e ETCD_ENDPOINTS` (kubeasz's calico-node unit).
    static func environmentOptionSites(_ words: [ShellWord]) -> [Site] {
        var sites: [Site] = []
        var index = 0
        while index < words.count {
            defer { index += 1 }
            let text = words[index].text
            var word = words[index]
            var option = text
            var start = 0
            if text == "-e" || text == "--env", index + 1 < words.count {
                index += 1
                word = words[index]
            } else if text.hasPrefix("--env=") || text.hasPrefix("-e=") {
                option = String(text.prefix(while: { $0 != "=" }))
                start = option.utf8.count + 1
            } else if text.hasPrefix("-e"), let third = text.dropFirst(2).first, third.isLetter || third == "_" {
                option = "-e"
                start = 2
            } else {
                continue
            }
            let utf8 = Array(word.text.utf8)
            guard let equals = utf8[start...].firstIndex(of: UInt8(ascii: "=")) else { continue }
            let name = String(decoding: utf8[start..<equals], as: UTF8.self)
            guard let role = Role.variables[name] else { continue }
            sites.append(Site(role: role, label: "\(option) \(name)", token: word.token(for: (equals + 1)..<utf8.count)))
        }
        return sites
    }

    /// Every flag among command-line words as a setting (`--hostname-override=x` → `hostname-override`).
    static func flagSettings(_ words: [ShellWord]) -> [Setting] {
        FlagScanner(valueFlags: settingFlags).scan(words).map { Setting(name: $0.name, value: $0.value.text, line: $0.value.line + 1) }
    }

    /// Flags read as settings that may take their value as the next word.
    static let settingFlags: Set<String> = Role.valueFlags.union(["hostname-override", "advertise-client-urls", "etcd-cafile", "etcd-certfile", "etcd-keyfile"])

    /// A `NAME=VALUE` assignment: the value itself when the name is known (from SPEC's variables,
    /// or from `roles` the program's flags tell), else flags inside it. A known variable whose
    /// value is itself a command-line flag (`FLANNEL_ETCD="-etcd-endpoints=…"`) keeps its flag:
    /// only the flag's value is the site (SPEC "Values"; issue 13 item 3). Shell words keep quotes
    /// inside the value (`'--master="http://x"'`) out of the address.
    static func assignmentSites(name: String, value: ValueToken, shellWords: [ShellWord], roles: [String: Role] = [:]) throws(FormatError) -> [Site] {
        guard let role = Role.variables[name] ?? roles[name] else { return flagSites(shellWords) }
        guard holdsFlags(value.text) else { return [Site(role: role, label: name, token: value, isAgentServer: AgentServerURL.variables.contains(name))] }
        return try flagsOfKnownVariable(name, role: role, line: value.line, flags: scanner.scan(shellWords))
    }

    /// True when a value starts with a command-line flag (`-etcd-endpoints=…`, `--master …`).
    static func holdsFlags(_ value: String) -> Bool {
        let trimmed = value.drop { $0 == " " || $0 == "\t" }
        let name = trimmed.drop { $0 == "-" }
        return (1...2).contains(trimmed.count - name.count) && (name.first.map { $0.isLetter || $0.isNumber } ?? false)
    }

    /// The sites of a known variable whose value holds flags: the flags of a known role; else
    /// its one flag with a value, which holds the variable's role (`ETCDCTL_ENDPOINTS="--endpoints=…"`).
    /// Several unknown flags and no known one: which holds the value would be a guess.
    static func flagsOfKnownVariable(_ name: String, role: Role, line: Int, flags: [FlagOccurrence]) throws(FormatError) -> [Site] {
        let known = sites(of: flags)
        if !known.isEmpty { return known }
        if flags.count == 1, let flag = flags.first {
            return [Site(role: role, label: "\(name) \(flag.spelling)", token: flag.value)]
        }
        let which = flags.isEmpty ? "a command-line flag whose value node-reconfig cannot tell apart"
            : "command-line flags (\(flags.map(\.spelling).joined(separator: ", "))), none known to hold the \(role.rawValue) value"
        throw FormatError(line: line + 1, "\(name) holds \(which); edit it by hand, or leave the file out with --only")
    }
}
