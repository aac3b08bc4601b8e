/// Runs service commands (`Systemctl`) through a `ProcessRunner` and says what happened.
public struct ServiceManager: Sendable {
    public var runner: any ProcessRunner
    /// `systemctl`, or the `--service-cmd` program.
    public var program: String
    /// Seconds one command may take before it is killed.
    public var commandTimeout: Double

    public init(runner: any ProcessRunner, program: String? = nil, commandTimeout: Double = 120) {
        self.runner = runner
        self.program = program ?? Systemctl.defaultProgram
        self.commandTimeout = commandTimeout
    }

    /// True when `PROGRAM is-active SERVICE` exits 0. A command that cannot run counts as inactive.
    public func isActive(_ service: String) -> Bool {
        (try? runner.run(Systemctl.isActive(service, program: program), timeout: commandTimeout))?.succeeded ?? false
    }

    /// Runs `action` on `service` (nil for daemon-reload). nil on success, else a one-line reason
    /// with the command, its exit code and the last line it printed on stderr.
    /// With `abandonWhen`, a command still running when it turns true is killed (the run was
    /// interrupted: the rollback should not wait out a hung restart).
    public func perform(_ action: ServiceAction, _ service: String?,
                        abandonWhen: @escaping @Sendable () -> Bool = { false }) -> String? {
        let command = Systemctl.command(action, service, program: program)
        do {
            let result = try runner.run(command, timeout: commandTimeout, abandonWhen: abandonWhen)
            if result.succeeded { return nil }
            let detail = result.errorOutput.split(separator: "\n").last.map { ": \($0)" } ?? ""
            let exit = result.exitCode == 124 ? "timed out after \(Int(commandTimeout)) s"
                : result.exitCode == 130 && abandonWhen() ? "stopped: node-reconfig was interrupted" : "exit \(result.exitCode)"
            return "`\(command)` failed (\(exit))\(detail)"
        } catch {
            return "`\(command)` could not run: \(error)"
        }
    }
}
