/// What happened on one host, as the table and the report show it.
public struct HostOutcome: Sendable, Equatable {
    /// The result column.
    public enum Result: String, Sendable, Equatable, CaseIterable {
        case changed, unchanged, pending, detected
        case rolledBack = "rolled-back"
        case failed, unreachable, timeout, skipped

        /// The host did what was asked (`--retry-failed` leaves it out).
        public var succeeded: Bool { [.changed, .unchanged, .pending, .detected].contains(self) }
    }

    public var host: String
    public var result: Result
    /// node-reconfig's exit code on the host (nil when it did not run or did not finish).
    public var exitCode: Int32?
    public var seconds: Double
    public var message: String
    public var changed: Bool
    public var rolledBack: Bool
    public var backupID: String?
    /// The remote command's own stderr (ssh's included).
    public var standardError: String
    /// The JSON node-reconfig printed, as text (nil when none).
    public var json: String?

    public init(host: String, result: Result, exitCode: Int32? = nil, seconds: Double = 0, message: String,
                changed: Bool = false, rolledBack: Bool = false, backupID: String? = nil,
                standardError: String = "", json: String? = nil) {
        self.host = host
        self.result = result
        self.exitCode = exitCode
        self.seconds = seconds
        self.message = message
        self.changed = changed
        self.rolledBack = rolledBack
        self.backupID = backupID
        self.standardError = standardError
        self.json = json
    }

    /// A host not run because an earlier wave failed too often.
    public static func skipped(_ host: String) -> HostOutcome {
        HostOutcome(host: host, result: .skipped, message: "not run: an earlier wave exceeded --max-failures")
    }
}

extension HostOutcome {
    /// What to tell the operator when a host's failure is about privileges, given `--sudo`.
    ///
    /// With `--sudo`, a run that printed no JSON and whose last stderr line is sudo's own
    /// (`sudo: a password is required`, `sudo: … not found`) failed in sudo, before node-reconfig
    /// started: the message says so. Without `--sudo`, a `Permission denied` means the ssh user is
    /// not root: the message suggests `--sudo`. Otherwise nil (the message stays as it is).
    static func privilegeMessage(sudo: Bool, exitCode: Int32, printedJSON: Bool, message: String,
                                 lastError: String?) -> String? {
        if sudo {
            guard !printedJSON, let line = lastError else { return nil }
            if exitCode == 127 && line.contains("sudo") {
                return "sudo was not found on the host: \(line); install it, or log in as root without --sudo"
            }
            guard line.hasPrefix("sudo: ") else { return nil }
            return "sudo refused (exit \(exitCode)): \(line); --sudo needs passwordless sudo (NOPASSWD) "
                + "for the ssh user on the host"
        }
        guard message.contains("Permission denied") || (lastError?.contains("Permission denied") ?? false),
              !message.contains("--sudo") else { return nil }
        return "\(message) (is the ssh user root? if not, add --sudo)"
    }
}

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
