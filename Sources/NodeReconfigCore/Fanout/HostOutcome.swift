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
