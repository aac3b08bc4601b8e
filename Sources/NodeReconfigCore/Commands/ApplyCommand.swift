/// `node-reconfig [apply]`: the switch-over. Preflight, then under one lock: restore any crashed
/// run, plan everything in memory (refusing before any write), then the transaction: backup,
/// atomic writes, validation, restarts, health gate, rollback on failure.
public struct ApplyCommand: Sendable {
    public var options: Options

    public init(options: Options) {
        self.options = options
    }

    public func run(_ context: Context) -> ExitCode {
        // A --service-cmd that cannot run would read every service as inactive, so nothing would
        // be restarted and the run would "succeed" with the old config still loaded.
        if !options.noRestart, let program = options.serviceCommand, context.processes.locate(program) == nil {
            let error = ValueError(flag: "--service-cmd", value: program, "is not an executable program (not found, or not executable); nothing was changed")
            return Refusal.report(error, options: options, context: context)
        }
        do {
            try PreflightGate.require(options, context: context)
        } catch {
            return Refusal.report(error, options: options, context: context)
        }
        // From here on a Ctrl-C, SIGTERM or SIGHUP only sets a flag: a crashed run being restored
        // is never cut off half way, and the transaction rolls back on it.
        Signals.install()
        let transaction = Transaction(options: TransactionOptions(options), context: context)
        var plan: NodePlan?
        let result: TransactionResult
        do {
            result = try transaction.apply { () throws(NodeReconfigError) in
                let made = try NodePlan.make(discovery: Discovery(options, context: context), targets: options.targets)
                if !options.json {
                    PlanReport.writeHumanLines(made) { context.output.standardOutput($0) }
                }
                plan = made
                return made.files.map(\.plannedFile)
            }
        } catch {
            return Refusal.report(error, options: options, context: context)
        }
        return report(result, plan: plan, context: context)
    }

    func report(_ result: TransactionResult, plan: NodePlan?, context: Context) -> ExitCode {
        let resultName = result.outcome.rawValue
        var message = result.message.isEmpty ? resultName : result.message
        // A static pod's file changed: the run is done, but the pod still runs the old one.
        if result.outcome == .changed { message += PlanReport.restartsByHand(plan) }
        if options.json {
            var shown = plan
            if result.outcome != .changed && result.outcome != .unchanged, var p = shown {
                // Nothing stayed changed: report the files as not changed.
                p.files = p.files.map { var f = $0; f.updated = f.file.bytes; return f }
                shown = p
            }
            let json = PlanReport.json(result: resultName, plan: shown, backupID: result.backupID, services: result.services.map(\.json),
                                       rolledBack: result.rolledBack, message: message)
            context.output.standardOutput(json.rendered(indent: 2) + "\n")
        } else {
            var lines: [String] = []
            for service in result.services {
                lines.append("service \(service.name): \(service.action) \(service.result)")
            }
            if let id = result.backupID { lines.append("backup set: \(id)") }
            lines.append(message)
            context.output.standardOutput(lines.joined(separator: "\n") + "\n")
        }
        return result.outcome.exit
    }
}

extension TransactionOptions {
    /// The transaction's options from the command line's.
    public init(_ options: Options) {
        self.init()
        root = options.root
        backupDirectory = options.backupDir
        keepBackups = options.keepBackups
        healthTimeout = Double(options.healthTimeout)
        settle = Double(options.settle)
        probes = options.probes
        noRestart = options.noRestart
        serviceCommand = options.serviceCommand
    }
}
