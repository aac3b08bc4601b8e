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
        let rewriter = FileRewriter(targets: targets)
        var plans: [FilePlan] = []
        for file in try discovery.discover() {
            let plan = try rewriter.plan(file)
            if plan.changed {
                // Defence in depth: what we would write must parse again.
                do {
                    let again = try SourceText(bytes: plan.updated)
                    _ = try FileRewriter.sites(kind: file.kind, source: again)
                    if file.kind == .nginx || file.kind == .haproxy { _ = try LoadBalancerDocument.parse(kind: file.kind, source: again) }
                } catch {
                    throw .internalError("the rewritten \(file.displayPath) does not parse again (\(error)); nothing was changed")
                }
            }
            plans.append(plan)
        }
        return NodePlan(files: plans)
    }
}
