/// Every file of the node, planned: what `plan` prints and what `apply` hands the transaction.
public struct NodePlan: Sendable, Equatable {
    public var files: [FilePlan]

    public init(files: [FilePlan]) {
        self.files = files
    }

    public var changedFiles: [FilePlan] { files.filter(\.changed) }
    public var hasChanges: Bool { files.contains(where: \.changed) }

    /// Discovers the node's files and rewrites each in memory. Throws before anything is written
    /// when any file cannot be parsed or rewritten safely.
    public static func make(discovery: Discovery, targets: Targets) throws(NodeReconfigError) -> NodePlan {
        NodePlan(files: try discovery.discover().map { file throws(NodeReconfigError) in try plan(file, targets: targets) })
    }

    /// One file rewritten in memory by its kind's handler. Pure: no I/O.
    public static func plan(_ file: DiscoveredFile, targets: Targets) throws(NodeReconfigError) -> FilePlan {
        let handler = file.kind.handler
        let source = try NodeReconfigError.reading(file.displayPath) { () throws(FormatError) in try SourceText(bytes: file.bytes) }
        let plan = try handler.plan(file, source: source, targets: targets)
        if plan.changed {
            // Defence in depth: what we would write must parse again.
            do {
                try handler.check(try SourceText(bytes: plan.updated))
            } catch {
                throw .internalError("the rewritten \(file.displayPath) does not parse again (\(error)); nothing was changed")
            }
        }
        return plan
    }
}
