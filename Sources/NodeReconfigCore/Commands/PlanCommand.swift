/// `node-reconfig plan` (and `apply --dry-run`): the unified diff per file; changes nothing.
/// Exit 2 when changes are pending, 0 when the node is already up to date, 1 when refused.
public struct PlanCommand: Sendable {
    public var options: Options

    public init(options: Options) {
        self.options = options
    }

    public func run(_ context: Context) -> ExitCode {
        let plan: NodePlan
        do {
            plan = try NodePlan.make(discovery: Discovery(options, context: context), targets: options.targets)
            if plan.hasChanges { try PreflightGate.require(options, plan: plan, context: context, changesNothing: true) }
        } catch {
            return Refusal.report(error, options: options, context: context)
        }
        let pending = plan.hasChanges
        let message = pending
            ? "\(plan.changedFiles.count) file(s) would change. Nothing was written (dry run)."
            : "Already up to date: no file needs a change."
        if options.json {
            let diffs: [JSONValue] = plan.changedFiles.map { .object([("path", .string($0.file.displayPath)), ("diff", .string(Self.diff($0)))]) }
            let json = PlanReport.json(result: pending ? "pending" : "unchanged", plan: plan, backupID: nil, services: [],
                                       rolledBack: false, message: message, diffs: diffs)
            context.output.standardOutput(json.rendered(indent: 2) + "\n")
        } else {
            // Streamed: the summary, each file's diff in pieces as it is made, the message. The
            // output (larger than the file) is never held whole.
            PlanReport.writeHumanLines(plan) { context.output.standardOutput($0) }
            for file in plan.changedFiles {
                context.output.standardOutput("\n")
                Self.writeDiff(file) { context.output.standardOutput($0) }
            }
            context.output.standardOutput("\n" + message + "\n")
        }
        return pending ? .pending : .success
    }

    /// `diff -u` of one file, secrets redacted.
    public static func diff(_ file: FilePlan) -> String {
        var text = ""
        writeDiff(file) { text += $0 }
        return text
    }

    /// `diff(file)` handed to `sink` in pieces of whole lines as it is made.
    public static func writeDiff(_ file: FilePlan, to sink: (String) -> Void) {
        let oldLabel = "a" + file.file.displayPath, newLabel = "b" + file.file.displayPath
        if file.secretLinesBefore.isEmpty, file.secretLinesAfter.isEmpty, file.hiddenLinesBefore.isEmpty, file.hiddenLinesAfter.isEmpty {
            // No secret to hide: diff the bytes themselves (a 50 MB file has no copy per line).
            UnifiedDiff.write(oldBytes: file.file.bytes, newBytes: file.updated, oldLabel: oldLabel, newLabel: newLabel, to: sink)
            return
        }
        let old = Redaction.lines(of: file.file.bytes, secretLines: file.secretLinesBefore, hiddenLines: file.hiddenLinesBefore)
        let new = Redaction.lines(of: file.updated, secretLines: file.secretLinesAfter, hiddenLines: file.hiddenLinesAfter)
        UnifiedDiff.write(old: old, new: new, oldLabel: oldLabel, newLabel: newLabel, to: sink)
    }
}

extension Discovery {
    /// Discovery as the options ask: root, `--only`, `--file`, and this host's own addresses
    /// (`--local-addresses`, else the interfaces' when `--root` is `/`: another root is
    /// another machine's files).
    public init(_ options: Options, context: Context) {
        self.init(root: options.root, only: options.only, extraFiles: options.files, fileSystem: context.fileSystem,
                  lbPool: options.targets.lbPool,
                  localAddresses: options.localAddresses ?? (options.root == "/" ? context.network.localAddresses() : []))
    }
}
