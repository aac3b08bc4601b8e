/// `node-reconfig [apply]`: the switch-over. Under one lock: restore any crashed run, plan
/// everything in memory (refusing before any write), the preflight when something is to change,
/// then the transaction: backup, atomic writes, validation, restarts, health gate, rollback on
/// failure.
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
        // From here on a Ctrl-C, SIGTERM or SIGHUP only sets a flag: a crashed run being restored
        // is never cut off half way, and the transaction rolls back on it.
        Signals.install()
        let transaction = Transaction(options: TransactionOptions(options), context: context)
        var plan: NodePlan?
        let result: TransactionResult
        do {
            result = try transaction.apply { () throws(NodeReconfigError) in
                let made = try NodePlan.make(discovery: Discovery(options, context: context), targets: options.targets)
                if made.hasChanges {
                    do throws(PreflightFailure) { try PreflightGate.require(options, plan: made, context: context) } catch { throw .preflight(error) }
                }
                if !options.json {
                    PlanReport.writeHumanLines(made) { context.output.standardOutput($0) }
                }
                plan = made
                let hostName = Platform.hostName
                let nodeName = NodeHeartbeat.nodeName(made, hostName: hostName)
                return made.files.map { file in
                    var planned = file.plannedFile
                    planned.staticPods = planned.staticPods.map { $0.on(node: nodeName) }
                    planned.healthChecks = HealthCheck.checks(for: file, in: made, root: options.root, hostName: hostName,
                                                              askControlPlane: !options.skipPreflight)
                    return planned
                }
            }
        } catch {
            return Refusal.report(error, options: options, context: context)
        }
        return report(result, plan: plan, context: context)
    }

    func report(_ result: TransactionResult, plan: NodePlan?, context: Context) -> ExitCode {
        let resultName = result.outcome.rawValue
        let message = result.message.isEmpty ? resultName : result.message
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
            // One line per service (`service kubelet: restarted`), then the summary, once (it
            // names the backup set).
            var lines = result.services.map { "service \($0.name): \($0.result)" }
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
        if options.probeCACert != nil || options.probeCert != nil || options.probeKey != nil {
            let path = { (file: String?) in file.map { PathMath.join(options.root, $0) } }
            probeTLS = TLSFiles(ca: path(options.probeCACert), certificate: path(options.probeCert), key: path(options.probeKey),
                                insecure: options.probeCACert == nil, source: "--probe-cacert")
        }
        noRestart = options.noRestart
        serviceCommand = options.serviceCommand
        runtimeCommand = options.runtimeCommand
    }
}
