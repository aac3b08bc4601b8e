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

    /// True when `PROGRAM is-active SERVICE` exits 0 (an OpenShift master's `master-api` and
    /// `master-controllers`: see `MasterRestart`). A command that cannot run counts as inactive.
    public func isActive(_ service: String) -> Bool {
        if let master = MasterRestart(service: service, program: program) { return master.isActive(self) }
        return (try? runner.run(Systemctl.isActive(service, program: program), timeout: commandTimeout))?.succeeded ?? false
    }

    /// Runs `action` on `service` (nil for daemon-reload). nil on success, else why it failed.
    /// With `abandonWhen`, a command still running when it turns true is killed (the run was
    /// interrupted: the rollback should not wait out a hung restart).
    public func perform(_ action: ServiceAction, _ service: String?,
                        abandonWhen: @escaping @Sendable () -> Bool = { false }) -> ServiceCommandFailure? {
        let command = service.flatMap { MasterRestart(service: $0, program: program)?.command(action, self) }
            ?? Systemctl.command(action, service, program: program)
        do {
            let result = try runner.run(command, timeout: commandTimeout, abandonWhen: abandonWhen)
            if result.succeeded { return nil }
            let reason: ServiceCommandFailure.Reason = result.exitCode == 124 ? .timedOut(seconds: Int(commandTimeout))
                : result.exitCode == 130 && abandonWhen() ? .interrupted : .exit(result.exitCode)
            let lastError = result.errorOutput.split(separator: "\n").last.map(String.init)
            return ServiceCommandFailure(command: command.description, reason: reason, lastError: lastError)
        } catch {
            return ServiceCommandFailure(command: command.description, reason: .couldNotRun(error.description), lastError: nil)
        }
    }
}

/// A service command that did not work: the command, why, and the last line it printed on stderr.
public struct ServiceCommandFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case exit(Int32)
        case timedOut(seconds: Int)
        /// Killed because node-reconfig was interrupted while it ran.
        case interrupted
        /// It could not be started at all.
        case couldNotRun(String)
    }

    public var command: String
    public var reason: Reason
    public var lastError: String?

    public var description: String {
        let detail = lastError.map { ": \($0)" } ?? ""
        switch reason {
        case .exit(let code): return "`\(command)` failed (exit \(code))\(detail)"
        case .timedOut(let seconds): return "`\(command)` failed (timed out after \(seconds) s)\(detail)"
        case .interrupted: return "`\(command)` failed (stopped: node-reconfig was interrupted)\(detail)"
        case .couldNotRun(let error): return "`\(command)` could not run: \(error)"
        }
    }
}
