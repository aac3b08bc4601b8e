/// The planned rewrite of one file: its bytes before and after and what changed in it.
public struct FilePlan: Sendable, Equatable {
    public var file: DiscoveredFile
    public var updated: [UInt8]
    public var edits: [FileEdit]
    /// 0-based lines whose values are secrets (kubeconfig keys, tokens) in the old and new text;
    /// they are redacted from every diff and never printed.
    public var secretLinesBefore: Set<Int>
    public var secretLinesAfter: Set<Int>
    /// 0-based lines hidden whole, key and all: the further lines of a secret value written over
    /// several lines (an env file's quoted token), where no key stands to keep.
    public var hiddenLinesBefore: Set<Int>
    public var hiddenLinesAfter: Set<Int>

    public init(file: DiscoveredFile, updated: [UInt8], edits: [FileEdit], secretLinesBefore: Set<Int> = [], secretLinesAfter: Set<Int> = [],
                hiddenLinesBefore: Set<Int> = [], hiddenLinesAfter: Set<Int> = []) {
        self.file = file
        self.updated = updated
        self.edits = edits
        self.secretLinesBefore = secretLinesBefore
        self.secretLinesAfter = secretLinesAfter
        self.hiddenLinesBefore = hiddenLinesBefore
        self.hiddenLinesAfter = hiddenLinesAfter
    }

    public var changed: Bool { updated != file.bytes }

    /// The transaction's view of this file.
    public var plannedFile: PlannedFile {
        let handler = file.kind.handler
        let spared = changesOnlyFirstStartSettings
        var planned = PlannedFile(path: file.hostPath, displayPath: file.displayPath, kind: file.kind, component: file.component,
                                  services: spared ? [] : file.services, original: file.bytes, updated: updated,
                                  needsDaemonReload: handler.needsDaemonReload, validation: handler.validation(for: file))
        if spared { planned.sparedServices = file.services } else { planned.staticPods = file.use.staticPods }
        return planned
    }

    /// True when what changes is only what an etcd member reads when it first starts
    /// (`initial-cluster`, `initial-cluster-state`): no restart is needed (SPEC "Safety" 7).
    public var changesOnlyFirstStartSettings: Bool {
        let edited = edits.filter { $0.outcome == .changed }
        return self.changed && !edited.isEmpty && edited.allSatisfy { $0.role.isReadAtFirstStart }
    }
}
