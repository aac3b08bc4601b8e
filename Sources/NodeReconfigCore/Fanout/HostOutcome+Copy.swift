extension HostOutcome {
    /// A host whose `--copy-binary` step failed, judged as a copy: node-reconfig did not run, so
    /// the copy's exit code says nothing about a rollback and is not node-reconfig's exit code.
    static func copyFailed(host: String, transport copied: ProcessResult, seconds: Double, timeout: Double,
                           sudo: Bool) -> HostOutcome {
        let stderr = String(decoding: copied.standardError, as: UTF8.self)
        var outcome = HostOutcome(host: host, result: .failed, seconds: seconds, message: "", standardError: stderr)
        let lastError = lastLine(stderr)
        if let launchError = copied.launchError {
            outcome.message = "could not start ssh: \(launchError)"
        } else if copied.timedOut {
            // The copy renames only a checked file into place: a cut copy leaves no half binary.
            // 'timeout' promises nothing is left running; after a kill nothing confirms that.
            outcome.result = copied.killed ? .failed : .timeout
            outcome.message = "timed out after \(formatSeconds(timeout)) s while copying the binary; node-reconfig did not run"
                + (copied.killed ? "; ssh did not end and was killed: the copy may still be going on the host" : "")
        } else if copied.exitCode == 255 && copied.standardOutput.isEmpty {
            outcome.result = .unreachable
            outcome.message = lastError ?? "ssh could not reach the host"
        } else {
            let detail = lastError ?? "exit \(copied.exitCode)"
            outcome.message = "copying the binary failed: "
                + (privilegeMessage(sudo: sudo, exitCode: copied.exitCode, printedJSON: false, message: detail,
                                    lastError: detail) ?? detail)
        }
        return outcome
    }
}
