/// The planned rewrite of one file: its bytes before and after and what changed in it.
public struct FilePlan: Sendable, Equatable {
    public var file: DiscoveredFile
    public var updated: [UInt8]
    public var edits: [FileEdit]
    /// 0-based lines whose values are secrets (kubeconfig keys, tokens) in the old and new text;
    /// they are redacted from every diff and never printed.
    public var secretLinesBefore: Set<Int>
    public var secretLinesAfter: Set<Int>

    public init(file: DiscoveredFile, updated: [UInt8], edits: [FileEdit], secretLinesBefore: Set<Int> = [], secretLinesAfter: Set<Int> = []) {
        self.file = file
        self.updated = updated
        self.edits = edits
        self.secretLinesBefore = secretLinesBefore
        self.secretLinesAfter = secretLinesAfter
    }

    public var changed: Bool { updated != file.bytes }

    /// The transaction's view of this file.
    public var plannedFile: PlannedFile {
        let handler = file.kind.handler
        return PlannedFile(path: file.hostPath, displayPath: file.displayPath, kind: file.kind, component: file.component,
                           services: file.services, original: file.bytes, updated: updated,
                           needsDaemonReload: handler.needsDaemonReload, validation: handler.validation(for: file))
    }
}
