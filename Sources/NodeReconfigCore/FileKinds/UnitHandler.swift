/// systemd units and drop-ins: flags on `Exec*=` lines (across `\` continuations) and in
/// `Environment=` assignments. A change needs `daemon-reload` before the restart.
struct UnitHandler: SiteHandler {
    let kind = FileKind.unit

    /// The units of the services we know (the k3s and rke2 agents' among them), with their
    /// drop-ins, in every systemd directory.
    let catalog: [CatalogEntry] = Catalog.unitDirectories.flatMap { directory in
        Catalog.units.flatMap { unit in
            [
                CatalogEntry("\(directory)/\(unit.name).service", .unit, unit.component, services: [unit.name], origin: "systemd"),
                CatalogEntry("\(directory)/\(unit.name).service.d/*.conf", .unit, unit.component, services: [unit.name], origin: "systemd drop-in"),
            ]
        }
    }
    var needsDaemonReload: Bool { true }

    func sites(in source: SourceText) throws(FormatError) -> [Site] {
        try sites(of: SystemdUnit(source), roles: [:])
    }

    func sites(in source: SourceText, use: FileUse) throws(FormatError) -> [Site] {
        try sites(of: SystemdUnit(source), roles: use.variableRoles)
    }

    private func sites(of unit: SystemdUnit, roles: [String: Role]) throws(FormatError) -> [Site] {
        var sites = unit.commandEntries.flatMap { SiteRewrite.flagSites($0.shellWords) + Self.agentServerSites($0.shellWords) }
        for assignment in unit.environmentAssignments {
            sites += try SiteRewrite.assignmentSites(name: assignment.name, value: assignment.value, shellWords: assignment.shellWords, roles: roles)
        }
        return sites
    }

    /// `EnvironmentFile=` (`-` marks one that may be absent), `.include` (older systemd reads the
    /// file there; relative to the unit's directory) and the TLS files its `Environment=`
    /// variables name. The files its command line names are read by discovery from the whole
    /// service (`ServiceCommand`): a drop-in may replace `ExecStart=`, an env file define the
    /// variables it expands.
    func references(in source: SourceText, context: ReferenceContext) throws(FormatError) -> [Reference] {
        let unit = try SystemdUnit(source)
        var references = unit.includes.map { include in
            Reference(.file(.unit), path: include.path, base: .namingFile, line: include.line, label: ".include")
        }
        references += unit.environmentFiles.map { file in
            Reference(.file(.env), path: file.path, base: .none, line: file.line, label: "EnvironmentFile=", isOptional: file.isOptional)
        }
        for assignment in unit.environmentAssignments {
            let value = assignment.value.text
            if let (target, purpose) = CredentialVariables.all[assignment.name], !value.isEmpty, !value.contains("$") {
                references.append(Reference(.credential(target, purpose), path: value, base: .directory("/"), line: assignment.entryLine, label: assignment.name))
            }
        }
        return references
    }

    /// Settings before the first `[Section]`: systemd ignores them, and so does node-reconfig.
    func notes(on source: SourceText, path: String) -> [Finding] {
        ((try? SystemdUnit(source))?.ignoredSettings ?? []).map { setting in
            .ignored(path: path, line: setting.line + 1, what: "\(setting.key)= before any [Section]",
                     why: "systemd reads no setting before the first section header, and node-reconfig leaves it as it is")
        }
    }

    /// Flags of `Exec*=` lines, and `Environment=` variables with the flags inside them.
    func settings(in source: SourceText) throws(FormatError) -> [Setting] {
        let unit = try SystemdUnit(source)
        return unit.commandEntries.flatMap { SiteRewrite.flagSettings($0.shellWords) }
            + unit.environmentAssignments.flatMap { assignment in
                [Setting(name: assignment.name, value: assignment.value.text, line: assignment.value.line + 1)]
                    + SiteRewrite.flagSettings(assignment.shellWords)
            }
    }

    /// `k3s agent --server URL` / `rke2 agent -s URL` (k3s's installer writes the install's
    /// arguments into ExecStart, each quoted): the server the agent registers with. `--server`
    /// means this only for those programs, so it is read nowhere else.
    static func agentServerSites(_ words: [ShellWord]) -> [Site] {
        guard let program = words.first?.text.split(separator: "/").last, ["k3s", "rke2"].contains(program),
              words.contains(where: { $0.text == "agent" }) else { return [] }
        return agentScanner.scan(words).filter { ["server", "s"].contains($0.name) }.map {
            Site(role: .master, label: $0.spelling, token: $0.value, isAgentServer: true)
        }
    }

    static let agentScanner = FlagScanner(valueFlags: ["server", "s"])

    /// The lines of join tokens: never shown in a diff. k3s's installer writes each argument on
    /// its own line (`\t'--token' \` / `\t'K10…' \`): a token given as the next word hides that
    /// word's lines whole (the token opens the line, so no key can be kept before it);
    /// `--token=…` keeps the text up to `=`. `Environment=` entries assigning a secret variable
    /// (`K3S_TOKEN`, as `EnvHandler.isSecret` says) or passing a token flag are hidden after the key.
    /// `--token-file` names a path and is shown.
    func secretLines(in source: SourceText) throws(FormatError) -> (keyed: [Int], whole: [Int]) {
        let unit = try SystemdUnit(source)
        var keyed: Set<Int> = [], whole: Set<Int> = []
        for entry in unit.commandEntries {
            let words = entry.shellWords
            for flag in Self.tokenScanner.scan(words) where Self.tokenFlags.contains(flag.name) {
                switch flag.form {
                case .doubleDashEquals, .singleDashEquals:
                    let lines = words[flag.wordIndex].parts.map(\.line)
                    if let first = lines.first { keyed.insert(first) }
                    whole.formUnion(lines.dropFirst())
                case .doubleDashSeparate, .singleDashSeparate:
                    let index = flag.wordIndex + 1
                    whole.formUnion(index < words.count ? words[index].parts.map(\.line) : [flag.value.line])
                }
            }
        }
        let secretEntries = Set(unit.environmentAssignments.filter { assignment in
            EnvHandler.isSecret(assignment.name) || Self.tokenScanner.scan(assignment.shellWords).contains { Self.tokenFlags.contains($0.name) }
        }.map(\.entryLine))
        for entry in unit.entries where entry.key == "Environment" && secretEntries.contains(entry.line) {
            keyed.insert(entry.line)
            whole.formUnion((entry.line + 1)..<(entry.lastLine + 1))
        }
        return (keyed.subtracting(whole).sorted(), whole.sorted())
    }

    /// The flags whose value is a join token (k3s and rke2: `--token`/`-t`, `--agent-token`).
    static let tokenFlags: Set<String> = ["token", "t", "agent-token"]
    static let tokenScanner = FlagScanner(valueFlags: tokenFlags)
}

extension FileKind {
    public static let unit = FileKind(name: "unit")
}
