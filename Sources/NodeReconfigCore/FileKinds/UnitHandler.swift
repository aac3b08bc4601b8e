/// systemd units and drop-ins: flags on `Exec*=` lines (across `\` continuations) and in
/// `Environment=` assignments. A change needs `daemon-reload` before the restart.
struct UnitHandler: SiteHandler {
    let kind = FileKind.unit
    var needsDaemonReload: Bool { true }

    func sites(in source: SourceText) throws(FormatError) -> [Site] {
        let unit = try SystemdUnit(source)
        return unit.commandEntries.flatMap { SiteRewrite.flagSites($0.shellWords) }
            + unit.environmentAssignments.flatMap {
                SiteRewrite.assignmentSites(name: $0.name, value: $0.value, shellWords: $0.shellWords)
            }
    }
}

extension FileKind {
    public static let unit = FileKind(name: "unit")
}
