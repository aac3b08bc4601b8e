/// The whole command line, in-process: what `main.swift` calls, and what the Ansible module and
/// tests call with their own argv and Context.
public enum NodeReconfigCLI {
    /// Runs `arguments` (without argv[0]) and returns the exit code.
    public static func main(arguments: [String], context: Context) -> Int32 {
        if AnsibleModule.isModuleInvocation(arguments) {
            return AnsibleModule.run(argumentsFile: arguments[0], context: context) { argv in
                var inner = context
                let buffer = BufferedOutput()
                inner.output = buffer
                let code = main(arguments: argv, context: inner)
                return (code, buffer.stdout, buffer.stderr)
            }
        }
        switch CLIOutcome.resolve(arguments, currentDirectory: context.fileSystem.currentDirectory) {
        case .exit(let code, let out, let err):
            if !out.isEmpty { context.output.standardOutput(out) }
            if !err.isEmpty { context.output.standardError(err) }
            return code
        case .run(let invocation):
            return run(invocation, context: context)
        }
    }

    static func run(_ invocation: Invocation, context: Context) -> Int32 {
        let options = invocation.options
        guard case .run(let command) = invocation.action else { return ExitCode.refused.code }
        if ![.fanout, .help].contains(command), let problem = Refusal.rootProblem(options.root, fileSystem: context.fileSystem) {
            return Refusal.report(problem, options: options, context: context).code
        }
        let exit: ExitCode
        switch command {
        case .plan: exit = PlanCommand(options: options).run(context)
        case .apply: exit = options.dryRun ? PlanCommand(options: options).run(context) : ApplyCommand(options: options).run(context)
        case .detect: exit = DetectCommand(options: options).run(context)
        case .rollback:
            exit = RollbackCommand(transaction: TransactionOptions(options), id: options.rollbackID, json: options.json).run(context)
        case .backups: exit = BackupsCommand(transaction: TransactionOptions(options), json: options.json).run(context)
        case .fanout: exit = FanoutCommand(arguments: invocation.passthrough).run(context)
        case .help:
            context.output.standardOutput(HelpText.text(for: nil))
            exit = .success
        }
        return exit.code
    }
}
