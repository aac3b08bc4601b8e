/// systemd units and drop-ins: flags on `Exec*=` lines (across `\` continuations) and in
/// `Environment=` assignments. A change needs `daemon-reload` before the restart.
struct UnitHandler: SiteHandler {
    let kind = FileKind.unit

    /// The units of the services we know, with their drop-ins, in every systemd directory.
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
        return unit.commandEntries.flatMap { SiteRewrite.flagSites($0.shellWords) }
            + unit.environmentAssignments.flatMap {
                SiteRewrite.assignmentSites(name: $0.name, value: $0.value, shellWords: $0.shellWords)
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
}

extension FileKind {
    public static let unit = FileKind(name: "unit")
}
