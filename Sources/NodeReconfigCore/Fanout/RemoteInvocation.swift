/// The `ssh` command lines of a fanout, as pure functions of the options (tested word by word).
///
/// The remote command is one string for the remote user's shell, every word quoted. It runs
/// node-reconfig under a small `sh` watchdog: when ssh's standard input reaches end of file (the
/// coordinator's timeout closes it, or the ssh connection drops), the run's process group
/// receives SIGHUP and the run rolls back, while its stdout (the JSON) and stderr stay apart
/// (`ssh -tt` would give the same hangup but merge the two streams).
public enum RemoteInvocation {
    /// `"$@"` runs in the background with stdin from /dev/null, in a process group of its own
    /// (`setsid`, where installed); a watchdog reads the session's stdin (saved as fd 3, since
    /// background jobs get /dev/null) and at its end sends SIGHUP to that whole group, as a
    /// terminal hangup would: the run and whatever it is waiting on (a hung restart) get it.
    public static let watchdogScript =
        "exec 3<&0; if command -v setsid >/dev/null 2>&1; then setsid \"$@\" </dev/null 3<&- & "
        + "else \"$@\" </dev/null 3<&- & fi; p=$!; "
        + "{ while read -r _; do :; done; kill -HUP -\"$p\" || kill -HUP \"$p\"; } <&3 >/dev/null 2>&1 & w=$!; "
        + "exec 3<&-; wait \"$p\"; rc=$?; kill \"$w\" 2>/dev/null; exit \"$rc\""

    /// Receives the binary on stdin, writes it beside `$1`, checks its sha256 against `$2`, and
    /// only then renames it into place.
    public static let copyScript =
        "set -e; t=\"$1.fanout-$$\"; d=$(dirname \"$1\"); mkdir -p \"$d\"; cat >\"$t\"; chmod 0755 \"$t\"; "
        + "s=$(sha256sum \"$t\"); s=${s%% *}; "
        + "if [ \"$s\" != \"$2\" ]; then rm -f \"$t\"; echo \"sha256 of the copy is $s, expected $2\" >&2; exit 97; fi; "
        + "mv -f \"$t\" \"$1\""

    /// Options added after the operator's `--ssh` words (which therefore win): no pty, no
    /// password prompts, a bounded connect.
    public static let sshOptions = ["-T", "-o", "BatchMode=yes", "-o", "ConnectTimeout=15"]

    /// The node-reconfig argv run on the host: `[BIN, command, FLAGS…, --json]`.
    public static func nodeCommand(_ options: FanoutOptions) -> [String] {
        var words = [options.effectiveRemoteBinary, options.mode.rawValue] + options.flags
        if !options.flags.contains("--json") { words.append("--json") }
        return words
    }

    /// The full local argv: `ssh … -- HOST 'sh' '-c' SCRIPT fanout BIN ARGS…`.
    public static func run(_ options: FanoutOptions, host: String) -> [String] {
        var remote = ["sh", "-c", watchdogScript, "node-reconfig-fanout"] + nodeCommand(options)
        if options.sudo { remote = ["sudo", "-n", "--"] + remote }
        return options.ssh + sshOptions + ["--", host, ShellQuoting.join(remote)]
    }

    /// The local argv that copies the binary (fed on stdin) to the host and checks `sha256`.
    public static func copy(_ options: FanoutOptions, host: String, sha256: String) -> [String] {
        var remote = ["sh", "-c", copyScript, "node-reconfig-copy", options.effectiveRemoteBinary, sha256]
        if options.sudo { remote = ["sudo", "-n", "--"] + remote }
        return options.ssh + sshOptions + ["--", host, ShellQuoting.join(remote)]
    }
}
