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
        let unit = try SystemdUnit(source)
        return unit.commandEntries.flatMap { SiteRewrite.flagSites($0.shellWords) + Self.agentServerSites($0.shellWords) }
            + unit.environmentAssignments.flatMap {
                SiteRewrite.assignmentSites(name: $0.name, value: $0.value, shellWords: $0.shellWords)
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
}

extension FileKind {
    public static let unit = FileKind(name: "unit")
}
