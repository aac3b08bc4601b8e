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
        guard case .run(let command) = invocation.action else { return 1 }
        switch command {
        case .plan: return PlanCommand.run(options, context: context)
        case .apply: return options.dryRun ? PlanCommand.run(options, context: context) : ApplyCommand.run(options, context: context)
        case .detect: return DetectCommand.run(options, context: context)
        case .rollback:
            return RollbackCommand.run(.init(transaction: TransactionOptions(options), id: options.rollbackID, json: options.json), context: context)
        case .backups:
            return BackupsCommand.run(.init(transaction: TransactionOptions(options), json: options.json), context: context)
        case .fanout: return FanoutCommand.run(arguments: invocation.passthrough, context: context)
        case .help:
            context.output.standardOutput(HelpText.text(for: nil))
            return 0
        }
    }
}
