/// Every option of the commands, validated, with the SPEC's defaults (SPEC "Options").
public struct Options: Sendable {
    /// `--root`: every path, backups and lock included, lives under it.
    public var root = "/"
    /// `--only`: component names from `Component.all`; empty means all.
    public var only: [String] = []
    /// `--file=KIND:PATH`, repeatable, in the order given.
    public var files: [(kind: FileKind, path: String)] = []
    /// `--dry-run`, or the `plan` command.
    public var dryRun = false
    /// `--no-restart`: files only.
    public var noRestart = false
    /// `--json`: one JSON object on stdout.
    public var json = false
    /// `--backup-dir` (under `root`).
    public var backupDir = "/var/lib/node-reconfig/backups"
    /// `--keep-backups`
    public var keepBackups = 10
    /// `--health-timeout`, seconds.
    public var healthTimeout = 60
    /// `--settle`, seconds.
    public var settle = 5
    /// `--probe`, repeatable: URLs (path allowed) that must answer 2xx after the run.
    public var probes: [String] = []
    /// `--probe-cacert`, `--probe-cert`, `--probe-key`: paths under `root` for https `--probe`s.
    public var probeCACert: String?
    public var probeCert: String?
    public var probeKey: String?
    /// `--skip-preflight`
    public var skipPreflight = false
    /// `--local-addresses`: this host's own addresses for the own-address and no-self-loop
    /// rules; nil means the interfaces' when `--root` is `/`, none otherwise.
    public var localAddresses: [String]?
    /// `--runtime-cmd`: a program that takes crictl's arguments; nil means crictl, else docker.
    public var runtimeCommand: String?
    /// `--service-cmd`: nil means systemctl.
    public var serviceCommand: String?
    /// The target flags.
    public var targets = Targets()
    /// `rollback [ID]`: nil means the newest backup set.
    public var rollbackID: String?

    public init() {}
}
