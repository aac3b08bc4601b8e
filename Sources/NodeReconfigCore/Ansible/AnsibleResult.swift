import Foundation

/// Turns node-reconfig's exit code and `--json` output into Ansible's result: `changed`,
/// `failed`, `msg`, `diff`, plus `rolled_back`, `backup_id`, `files`.
enum AnsibleResult {
    static func build(checkMode: Bool, diffMode: Bool, exitCode: Int32, stdout: String, stderr: String) -> [String: Any] {
        let report = (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]
        let outcome = report?["result"] as? String
        let files = report?["files"] as? [[String: Any]] ?? []
        let succeeded = exitCode == 0 || (checkMode && exitCode == 2)
        var changed = report?["changed"] as? Bool ?? false
        if checkMode && (exitCode == 2 || outcome == "pending") { changed = true }
        var result: [String: Any] = [
            "changed": succeeded && changed,
            "failed": !succeeded,
            "rc": Int(exitCode),
            "rolled_back": report?["rolled_back"] as? Bool ?? (exitCode == 3),
            "backup_id": report?["backup_id"] ?? NSNull(),
            "files": files,
            "services": report?["services"] ?? [],
            "result": outcome ?? (succeeded ? "unknown" : "failed"),
            "stderr": stderr,
        ]
        result["msg"] = message(report: report, exitCode: exitCode, stderr: stderr, succeeded: succeeded, changed: changed)
        if diffMode { result["diff"] = diffs(files) }
        return result
    }

    /// node-reconfig's own message; for a failure without one, its stderr.
    private static func message(report: [String: Any]?, exitCode: Int32, stderr: String, succeeded: Bool, changed: Bool) -> String {
        if let text = report?["message"] as? String, !text.isEmpty {
            if exitCode == 3, !text.contains("Rollback finished"), stderr.contains("Rollback finished") {
                return text + " (Rollback finished)"
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
    static func diffs(_ files: [[String: Any]]) -> [[String: Any]] {
        files.compactMap { file -> [String: Any]? in
            guard file["changed"] as? Bool ?? true, let path = file["path"] as? String else { return nil }
            if let prepared = file["diff"] as? String, !prepared.isEmpty { return ["prepared": prepared] }
            let edits = file["edits"] as? [[String: Any]] ?? []
            guard !edits.isEmpty else { return nil }
            let before = edits.map { "\($0["before"] ?? "")" }.joined(separator: "\n") + "\n"
            let after = edits.map { "\($0["after"] ?? "")" }.joined(separator: "\n") + "\n"
            return ["before_header": path, "after_header": path, "before": before, "after": after]
        }
    }
}
