/// How a transaction runs: the `apply` options that concern writing, restarting and checking.
public struct TransactionOptions: Sendable {
    /// `--root`: every path, backups and the lock included, lives under it.
    public var root: String = "/"
    /// `--backup-dir`, relative to `root`.
    public var backupDirectory: String = "/var/lib/node-reconfig/backups"
    /// `--keep-backups`
    public var keepBackups: Int = 10
    /// `--health-timeout`, seconds.
    public var healthTimeout: Double = 60
    /// `--settle`, seconds.
    public var settle: Double = 5
    /// `--probe` URLs: must answer 2xx after the run.
    public var probes: [String] = []
    /// `--probe-cacert`, `--probe-cert`, `--probe-key` as host paths: https `--probe` URLs are
    /// then asked with curl, verified against that CA and presenting that certificate.
    public var probeTLS: TLSFiles?
    /// Local health endpoints that must answer 2xx after the run if they answered before it.
    public var localProbes: [String] = ["http://127.0.0.1:10248/healthz", "http://127.0.0.1:10256/healthz"]
    /// `--no-restart`: files only.
    public var noRestart: Bool = false
    /// `--service-cmd`; nil for systemctl.
    public var serviceCommand: String?
    /// `--runtime-cmd`: a program taking crictl's arguments; nil: crictl, else docker, on PATH.
    public var runtimeCommand: String?
    /// Seconds one service or validation command may take.
    public var commandTimeout: Double = 120
    /// Seconds between health polls.
    public var pollInterval: Double = 0.5
    /// This run's pid, for the lock and the backup id.
    public var pid: Int32 = Platform.processID
    /// The signal that asks the run to stop, if one arrived (`Signals.pending` by default).
    public var interrupted: @Sendable () -> Int32? = { Signals.pending }

    public init() {}

    /// The backup directory as a host path.
    public var backupPath: String { PathMath.join(root, backupDirectory) }
}
