/// Turns node-reconfig's exit code and `--json` output into Ansible's result: `changed`,
/// `failed`, `msg`, `diff`, plus `rolled_back`, `backup_id`, `files`, and what a fleet report
/// needs to tell nodes with nothing to do apart: `unmatched` (target flags no file holds) and
/// `findings`.
enum AnsibleResult {
    /// The result object's members (rendered with sorted keys by `AnsibleModule`).
    static func build(checkMode: Bool, diffMode: Bool, exitCode: Int32, stdout: String, stderr: String) -> [String: JSONValue] {
        let parsed = try? JSONValue.parse(stdout)
        let report = parsed?.objectValue == nil ? nil : parsed
        let outcome = report?["result"]?.stringValue
        let files = objects(report?["files"])
        // Exit 2 is `plan`'s (check mode) or `dry_run`'s "changes pending": a success.
        let pending = outcome == "pending" || (checkMode && exitCode == 2)
        let succeeded = exitCode == 0 || (exitCode == 2 && pending)
        var changed = report?["changed"]?.boolValue ?? false
        if pending { changed = true }
        var result: [String: JSONValue] = [
            "changed": .bool(succeeded && changed),
            "failed": .bool(!succeeded),
            "rc": .int(Int(exitCode)),
            "rolled_back": .bool(report?["rolled_back"]?.boolValue ?? (exitCode == 3)),
            "backup_id": report?["backup_id"] ?? .null,
            "files": .array(files),
            "services": report?["services"] ?? .array([]),
            "unmatched": report?["unmatched"] ?? .array([]),
            "findings": report?["findings"] ?? .array([]),
            "result": .string(outcome ?? (succeeded ? "unknown" : "failed")),
            "stderr": .string(stderr),
        ]
        result["msg"] = .string(message(report: report, exitCode: exitCode, stderr: stderr, succeeded: succeeded, changed: changed))
        if diffMode { result["diff"] = .array(diffs(files)) }
        return result
    }

    /// node-reconfig's own message; for a failure without one, its stderr. A run that rolled
    /// back (exit 3, `rolled_back`) says `Rollback finished` in it, so that the task's one line
    /// tells the operator that the node is whole again.
    private static func message(report: JSONValue?, exitCode: Int32, stderr: String, succeeded: Bool, changed: Bool) -> String {
        if let text = report?["message"]?.stringValue, !text.isEmpty {
            let undone = TransactionResult.Undo.finished.description
            if exitCode == ExitCode.rolledBack.code, report?["rolled_back"]?.boolValue == true, !text.hasSuffix(undone) {
                return "\(text) (\(undone))"
            }
            return text
        }
        if !succeeded {
            let lines = stderr.split(whereSeparator: \.isNewline).suffix(5).joined(separator: "\n")
            return lines.isEmpty ? "node-reconfig exited with \(exitCode)" : lines
        }
        return changed ? "changed" : "already up to date"
    }

    /// One Ansible diff per changed file: a prepared unified diff when node-reconfig gave one,
    /// else the values before and after, one edit a line.
    static func diffs(_ files: [JSONValue]) -> [JSONValue] {
        files.compactMap { file -> JSONValue? in
            guard file["changed"]?.boolValue ?? true, let path = file["path"]?.stringValue else { return nil }
            if let prepared = file["diff"]?.stringValue, !prepared.isEmpty { return .object([("prepared", .string(prepared))]) }
            let edits = objects(file["edits"])
            guard !edits.isEmpty else { return nil }
            let before = edits.map { text($0["before"]) }.joined(separator: "\n") + "\n"
            let after = edits.map { text($0["after"]) }.joined(separator: "\n") + "\n"
            return .object([("before_header", .string(path)), ("after_header", .string(path)),
                             ("before", .string(before)), ("after", .string(after))])
        }
    }

    /// An array of objects, or else nothing.
    private static func objects(_ value: JSONValue?) -> [JSONValue] {
        guard let items = value?.arrayValue, items.allSatisfy({ $0.objectValue != nil }) else { return [] }
        return items
    }

    /// A value as one line of a diff: a string as itself, anything else as its JSON.
    private static func text(_ value: JSONValue?) -> String {
        guard let value else { return "" }
        return value.stringValue ?? value.rendered()
    }
}
