/// `node-reconfig plan` (and `apply --dry-run`): the unified diff per file; changes nothing.
/// Exit 2 when changes are pending, 0 when the node is already up to date, 1 when refused.
public enum PlanCommand {
    public static func run(_ options: Options, context: Context) -> Int32 {
        let plan: NodePlan
        do {
            try PreflightGate.require(options, context: context)
            plan = try NodePlan.make(discovery: Discovery(options, context: context), targets: options.targets)
        } catch {
            return Refusal.report(error, options: options, context: context)
        }
        let pending = plan.hasChanges
        let message = pending
            ? "\(plan.changedFiles.count) file(s) would change. Nothing was written (dry run)."
            : "Already up to date: no file needs a change."
        if options.json {
            let diffs: [JSONValue] = plan.changedFiles.map { .object([("path", .string($0.file.displayPath)), ("diff", .string(diff($0)))]) }
            let json = PlanReport.json(result: pending ? "pending" : "unchanged", plan: plan, backupID: nil, services: [],
                                       rolledBack: false, message: message, diffs: diffs)
            context.output.standardOutput(json.rendered(indent: 2) + "\n")
        } else {
            var text = PlanReport.humanLines(plan).joined(separator: "\n") + "\n"
            for file in plan.changedFiles {
                text += "\n" + diff(file)
            }
            text += "\n" + message + "\n"
            context.output.standardOutput(text)
        }
        return pending ? 2 : 0
    }

    /// `diff -u` of one file, secrets redacted.
    public static func diff(_ file: FilePlan) -> String {
        if file.secretLinesBefore.isEmpty, file.secretLinesAfter.isEmpty {
            // No secret to hide: diff the bytes themselves (a 50 MB file has no copy per line).
            return UnifiedDiff.render(oldBytes: file.file.bytes, newBytes: file.updated,
                                      oldLabel: "a" + file.file.displayPath, newLabel: "b" + file.file.displayPath)
        }
        let old = Redaction.lines(of: file.file.bytes, secretLines: file.secretLinesBefore)
        let new = Redaction.lines(of: file.updated, secretLines: file.secretLinesAfter)
        return UnifiedDiff.render(old: old, new: new, oldLabel: "a" + file.file.displayPath, newLabel: "b" + file.file.displayPath)
    }
}

extension Discovery {
    /// Discovery as the options ask: root, `--only`, `--file`.
    public init(_ options: Options, context: Context) {
        self.init(root: options.root, only: options.only, extraFiles: options.files, fileSystem: context.fileSystem)
    }
}
