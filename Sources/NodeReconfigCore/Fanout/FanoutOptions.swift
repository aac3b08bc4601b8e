/// Everything `node-reconfig fanout` was asked to do, parsed (`FanoutOptions+Parsing.swift`).
public struct FanoutOptions: Sendable, Equatable {
    /// Which node-reconfig command runs on the hosts.
    public enum Mode: String, Sendable, Equatable {
        case apply, plan, detect
    }

    /// Wave size: all hosts at once, a count, or a percentage of the hosts (rounded up, at least 1).
    public enum Batch: Sendable, Equatable {
        case all
        case count(Int)
        case percent(Int)
    }

    public var mode: Mode = .apply
    /// `--hosts`: a file (one host a line, `#` comments) or a comma list.
    public var hosts: String?
    public var parallel: Int = 10
    public var batch: Batch = .all
    public var maxFailures: Int = 0
    /// Seconds per host, copy included.
    public var timeout: Double = 600
    /// Seconds to wait, after a timeout's hangup, for the remote run to end (its rollback may
    /// restart services); more than node-reconfig's own 120 s limit per service command.
    public var hangupGrace: Double = 180
    /// `--ssh`, split into words.
    public var ssh: [String] = ["ssh"]
    public var sudo: Bool = false
    /// `--remote-bin`; nil = `node-reconfig` on the remote PATH (or the copy's path).
    public var remoteBinary: String?
    public var copyBinary: Bool = false
    public var report: String?
    public var retryFailed: String?
    /// `--json`: print the report instead of the table.
    public var json: Bool = false
    public var help: Bool = false
    /// The node-reconfig flags after `--`.
    public var flags: [String] = []

    public init() {}

    /// Where the binary is copied to when `--copy-binary` is given without `--remote-bin`.
    public static let defaultCopyPath = "/usr/local/sbin/node-reconfig"

    /// The path or name of node-reconfig on the hosts.
    public var effectiveRemoteBinary: String {
        remoteBinary ?? (copyBinary ? Self.defaultCopyPath : "node-reconfig")
    }
}
