/// How a plan reads for a person and for a program.
public enum PlanReport {
    /// `changed`, `unchanged`, or `skipped: <reason>` for one file.
    public static func status(of plan: FilePlan) -> String {
        if plan.changed { return "changed" }
        let considered = plan.edits
        if !considered.isEmpty, considered.allSatisfy({ $0.outcome == .skipped }), let reason = considered.first?.reason {
            return "skipped: \(reason)"
        }
        return "unchanged"
    }

    /// One line per file, then one indented line per value (`old → new`, or why it was left),
    /// each ended by `\n`, handed to `sink` a batch at a time: the text is never built whole (a
    /// pool of 800k servers makes one line of 15 MB).
    public static func writeHumanLines(_ plan: NodePlan, to sink: (String) -> Void) {
        var batch = ""
        forEachHumanLine(plan) { line in
            if !batch.isEmpty, batch.utf8.count + line.utf8.count > UnifiedDiff.chunkSize {
                sink(batch)
                batch = ""
            }
            if batch.isEmpty { batch = line } else { batch += line }
        }
        if !batch.isEmpty { sink(batch) }
    }

    private static func forEachHumanLine(_ plan: NodePlan, _ body: (String) -> Void) {
        for file in plan.files {
            let status = status(of: file)
            let link = file.file.linkTarget.map { " -> \($0)" } ?? ""
            body("\(status.padding(to: 10)) \(file.file.displayPath)\(link) (\(file.file.component))\n")
            for edit in file.edits {
                let head = "    line \(edit.line) \(edit.label):"
                switch edit.outcome {
                case .changed: body("\(head) \(edit.before) → \(edit.after)\n")
                case .unchanged: body("\(head) \(edit.after) (already)\n")
                case .skipped: body("\(head) \(edit.before) (left as is: \(edit.reason ?? "skipped"))\n")
                }
            }
        }
        for unmatched in plan.unmatched { body("\(unmatched)\n") }
        for finding in plan.findings { body("note: \(finding)\n") }
    }

    public static func json(_ file: FilePlan) -> JSONValue {
        .object([
            ("path", .string(file.file.displayPath)),
            ("component", .string(file.file.component.rawValue)),
            ("kind", .string(file.file.kind.rawValue)),
            ("changed", .bool(file.changed)),
            ("status", .string(status(of: file))),
            ("edits", .array(file.edits.map { edit in
                .object([
                    ("line", .int(edit.line)), ("label", .string(edit.label)), ("role", .string(edit.role.rawValue)),
                    ("before", .string(edit.before)), ("after", .string(edit.after)),
                    ("outcome", .string(edit.outcome.rawValue)), ("reason", .optional(edit.reason)),
                ])
            })),
        ])
    }

    /// The `--json` object of SPEC "Output".
    public static func json(result: String, plan: NodePlan?, backupID: String?, services: [JSONValue],
                            rolledBack: Bool, message: String, diffs: [JSONValue]? = nil) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("result", .string(result)),
            ("changed", .bool(plan?.hasChanges ?? false)),
            ("backup_id", .optional(backupID)),
            ("files", .array((plan?.files ?? []).map(json))),
            ("services", .array(services)),
            ("rolled_back", .bool(rolledBack)),
            ("message", .string(message)),
        ]
        if let plan {
            pairs += [("unmatched", .array(plan.unmatched.map(\.json))), ("findings", .array(plan.findings.map(\.json)))]
        }
        if let diffs { pairs.append(("diffs", .array(diffs))) }
        return .object(pairs)
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
