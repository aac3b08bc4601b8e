extension HostOutcome {
    /// Reads a host's result from node-reconfig's `--json` output and exit code, or, when it
    /// printed none, from ssh's exit code (255: unreachable) and stderr. `sudo` (the run went
    /// through `sudo -n`) tells sudo's refusals apart and turns off the hint to use it.
    public static func classify(host: String, mode: FanoutOptions.Mode, transport: ProcessResult,
                                seconds: Double, timeout: Double, sudo: Bool = false) -> HostOutcome {
        let stderr = String(decoding: transport.standardError, as: UTF8.self)
        var outcome = HostOutcome(host: host, result: .failed, exitCode: transport.exitCode, seconds: seconds,
                                  message: "", standardError: stderr)
        if let launchError = transport.launchError {
            outcome.exitCode = nil
            outcome.message = "could not start ssh: \(launchError)"
            return outcome
        }
        let (text, object) = findJSON(transport.standardOutput)
        outcome.json = text
        let reported = object?["result"]?.stringValue
        outcome.changed = object?["changed"]?.boolValue ?? false
        outcome.rolledBack = object?["rolled_back"]?.boolValue ?? (reported == "rolled-back")
        outcome.backupID = object?["backup_id"]?.stringValue
        let message = object?["message"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let lastError = lastLine(stderr)
        // The target flags the host had nothing for, from the JSON field (never from prose).
        let unmatched = (object?["unmatched"]?.arrayValue ?? []).compactMap { entry -> String? in
            guard let flag = entry["flag"]?.stringValue, let reason = entry["reason"]?.stringValue else { return nil }
            return "\(flag) matched nothing: \(reason)"
        }.joined(separator: "; ")

        if transport.timedOut {
            let after = "timed out after \(formatSeconds(timeout)) s"
            if !transport.killed, text != nil {
                // The run printed its result as the deadline passed, too late for the hangup to
                // matter: a host that changed is reported changed, not as rolled back.
                var ended = transport
                ended.timedOut = false
                var finished = classify(host: host, mode: mode, transport: ended, seconds: seconds,
                                        timeout: timeout, sudo: sudo)
                if finished.result.succeeded {
                    finished.message += " (it ended as the \(formatSeconds(timeout)) s timeout passed)"
                    return finished
                }
            }
            outcome.result = .timeout
            outcome.exitCode = transport.killed ? nil : transport.exitCode
            if transport.killed {
                // Nothing confirms the remote run ended: never call that a clean timeout.
                outcome.result = .failed
                outcome.message = "\(after); the remote run did not end after the hangup and ssh was killed: "
                    + "check the host, the run may still be going"
            } else if transport.exitCode == 4 {
                // 'timeout' tells the operator the run rolled back; this one could not.
                outcome.result = .failed
                outcome.message = "\(after); the remote run hung up and its rollback did not complete: "
                    + "manual action needed" + ((message ?? lastError).map { " (\($0))" } ?? "")
            } else if outcome.rolledBack || transport.exitCode == 3 {
                outcome.rolledBack = true
                outcome.message = "\(after); the remote run hung up and rolled back"
            } else {
                outcome.message = "\(after); the remote run hung up (exit \(transport.exitCode))"
            }
            return outcome
        }
        if text == nil && transport.exitCode == 255 {
            outcome.result = .unreachable
            outcome.exitCode = nil
            outcome.message = lastError ?? "ssh could not reach the host"
            return outcome
        }
        switch (transport.exitCode, reported) {
        case (_, "rolled-back"), (3, _):
            outcome.result = .rolledBack
            outcome.rolledBack = true
            outcome.message = message ?? lastError ?? "failed after writing; rolled back"
        case (4, _):
            outcome.message = message ?? lastError ?? "failed and the rollback did not complete: manual action needed"
        case (0, _) where mode == .detect && text != nil:
            outcome.result = .detected
            outcome.message = message ?? "detected"
        case (0, "changed"):
            outcome.result = .changed
            outcome.message = (message ?? "changed") + (unmatched.isEmpty ? "" : "; " + unmatched)
        case (0, "unchanged"):
            outcome.result = .unchanged
            outcome.message = unmatched.isEmpty ? message ?? "up to date" : unmatched
        case (0, "pending"), (2, "pending"): // `plan`, or `apply --dry-run` among the flags
            outcome.result = .pending
            outcome.message = (message ?? "changes pending") + (unmatched.isEmpty ? "" : "; " + unmatched)
        case (127, nil):
            outcome.message = "node-reconfig was not found on the host: \(lastError ?? "exit 127"); see --remote-bin, --copy-binary"
        case (let code, nil):
            outcome.message = "printed no JSON result (exit \(code))" + (lastError.map { ": \($0)" } ?? "")
        case (let code, let result?):
            outcome.message = message ?? lastError ?? "result '\(result)', exit \(code)"
        }
        if outcome.result == .failed,
           let privilege = privilegeMessage(sudo: sudo, exitCode: transport.exitCode, printedJSON: text != nil,
                                            message: outcome.message, lastError: lastError) {
            outcome.message = privilege
        }
        return outcome
    }

    /// The JSON object node-reconfig printed: the whole stdout, or else its last line that
    /// starts with `{`.
    static func findJSON(_ bytes: [UInt8]) -> (String?, JSONValue?) {
        let text = String(decoding: bytes, as: UTF8.self).trimmingBlanks(newlines: true)
        guard !text.isEmpty else { return (nil, nil) }
        var candidates = [text]
        if let line = text.split(separator: "\n").last(where: { $0.hasPrefix("{") }) { candidates.append(String(line)) }
        for candidate in candidates {
            if let value = try? JSONValue.parse(candidate) {
                return (candidate, value.objectValue == nil ? nil : value)
            }
        }
        return (nil, nil)
    }

    static func lastLine(_ text: String) -> String? {
        text.split(whereSeparator: \.isNewline).last.map { $0.trimmingBlanks() }
    }

    static func formatSeconds(_ value: Double) -> String {
        if value == value.rounded() { return String(Int(value)) }
        let tenths = Int((value * 10).rounded(.toNearestOrEven))
        return (tenths < 0 ? "-" : "") + "\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}
