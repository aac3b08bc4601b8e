/// Parses `node-reconfig`'s command line (SPEC "Commands", "Options", "Values").
///
/// `--flag=value` and `--flag value` are both accepted; `--help`/`-h` anywhere (before `--`)
/// asks for the command's help; an option the command does not take is refused. The options are
/// those of `OptionSpec.table`.
public enum CLIParser {
    /// Parses `arguments` (without argv[0]) into a validated `Invocation`. `currentDirectory` is
    /// asked only to make a relative `--root` absolute (`Context.fileSystem.currentDirectory`).
    public static func parse(_ arguments: [String],
                             currentDirectory: () throws(SystemError) -> String = CLIParser.unknownCurrentDirectory)
        throws(UsageError) -> Invocation {
        var args = arguments[...]
        var command = CommandName.apply
        if let first = args.first, !first.hasPrefix("-") {
            guard let named = CommandName(rawValue: first) else {
                let hint = Suggestion.nearest(to: first, in: CommandName.allCases.map(\.rawValue))
                throw UsageError("Unknown command '\(first)'", hint: hint.map { "Did you mean '\($0)'?" }, command: nil)
            }
            command = named
            args = args.dropFirst()
        }
        let beforeDashes = args.prefix { $0 != "--" }
        if beforeDashes.contains("--help") || beforeDashes.contains("-h") {
            // `node-reconfig --help` is the overview; `node-reconfig --master=… --help` is apply's.
            let implicit = args.count == arguments.count
            let overview = command == .help || (implicit && (arguments.first == "--help" || arguments.first == "-h"))
            return Invocation(action: .help(overview ? nil : command))
        }
        if command == .fanout {
            return Invocation(action: .run(.fanout), passthrough: Array(args))
        }
        if beforeDashes.contains("--version") {
            return Invocation(action: .version)
        }
        let (given, positionals) = try scan(args, command: command)
        var options = Options()
        do {
            for (spec, value) in given {
                try options.set(spec, value ?? "")
            }
            try options.targets.checked()
        } catch {
            throw UsageError(error, command: command)
        }
        return try finish(command, options: options, positionals: positionals, currentDirectory: currentDirectory)
    }

    /// The default for callers without a file system: a relative `--root` is refused (ENOSYS).
    public static func unknownCurrentDirectory() throws(SystemError) -> String {
        throw SystemError("getcwd", ".", 38)
    }

    /// Splits the words into (option, value) pairs and positionals, refusing unknown options,
    /// options the command does not take, missing values, values given to booleans, repeats.
    static func scan(_ args: ArraySlice<String>, command: CommandName) throws(UsageError) -> ([(OptionSpec, String?)], [String]) {
        var given: [(OptionSpec, String?)] = []
        var positionals: [String] = []
        var i = args.startIndex
        while i < args.endIndex {
            let word = args[i]
            i += 1
            if word == "--" {
                positionals += args[i...]
                break
            }
            guard word.hasPrefix("-"), word != "-" else {
                positionals.append(word)
                continue
            }
            let body = word.hasPrefix("--") ? word.dropFirst(2) : word.dropFirst()
            let name = String(body.prefix { $0 != "=" })
            let inline = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
            // The command's own option by that name, else node-reconfig's (named in the refusal).
            let known = OptionSpec.named(name, for: command) ?? OptionSpec.table.first { $0.name == name && !$0.commands.contains(.fanout) }
            guard word.hasPrefix("--"), let spec = known else {
                throw unknownOption(word.prefix { $0 != "=" }, command: command)
            }
            guard spec.commands.contains(command) else {
                throw UsageError("'\(spec.flag)' is not an option of '\(command.rawValue)'", command: command)
            }
            if !spec.repeatable, given.contains(where: { $0.0.name == spec.name }) {
                throw UsageError("'\(spec.flag)' is given more than once; give it once", command: command)
            }
            guard spec.takesValue else {
                if let inline {
                    throw UsageError("The option '\(spec.flag)' does not take any value, but '\(inline)' was specified.", command: command)
                }
                given.append((spec, nil))
                continue
            }
            if let inline {
                given.append((spec, inline))
            } else if i < args.endIndex, !looksLikeOption(args[i]) {
                given.append((spec, args[i]))
                i += 1
            } else {
                throw UsageError("Missing value for '\(spec.label)'", command: command)
            }
        }
        return (given, positionals)
    }

    /// A word that is an option rather than a value: `--x`, `-x`, but not `-`, `-5` or `--`'s absence.
    static func looksLikeOption(_ word: String) -> Bool {
        guard word.hasPrefix("-"), word.count > 1 else { return false }
        return !(word.dropFirst().allSatisfy { ("0"..."9").contains($0) })
    }

    static func unknownOption(_ word: Substring, command: CommandName) -> UsageError {
        let accepted = OptionSpec.accepted(by: command).map(\.flag)
        let typed = word.hasPrefix("--") ? String(word) : "-" + word
        let hint = Suggestion.nearest(to: typed, in: accepted + ["--help", "--version"])
        return UsageError("Unknown option '\(word)'", hint: hint.map { "Did you mean '\($0)'?" }, command: command)
    }

    /// The one place options are finished: positionals, per-command requirements, `--root` made
    /// absolute, and `plan` = `apply --dry-run`.
    static func finish(_ command: CommandName, options: Options, positionals: [String],
                       currentDirectory: () throws(SystemError) -> String) throws(UsageError) -> Invocation {
        var options = options
        switch command {
        case .help:
            guard positionals.count <= 1 else { throw UsageError("Unexpected argument '\(positionals[1])'", command: .help) }
            guard let word = positionals.first else { return Invocation(action: .help(nil)) }
            guard let subject = CommandName(rawValue: word) else {
                let hint = Suggestion.nearest(to: word, in: CommandName.allCases.map(\.rawValue))
                throw UsageError("Unknown command '\(word)'", hint: hint.map { "Did you mean '\($0)'?" }, command: .help)
            }
            return Invocation(action: .help(subject == .help ? nil : subject))
        case .rollback:
            guard positionals.count <= 1 else { throw UsageError("Unexpected argument '\(positionals[1])'", command: command) }
            if let id = positionals.first {
                guard ValueSyntax.isName(Substring(id), colon: true), !id.hasPrefix(".") else {
                    throw UsageError("<id>: '\(id)' is not a backup set id; see 'node-reconfig backups'", command: command)
                }
                options.rollbackID = id
            }
        default:
            if let extra = positionals.first { throw UsageError("Unexpected argument '\(extra)'", command: command) }
        }
        if command == .apply || command == .plan {
            guard !options.targets.isEmpty else {
                throw UsageError("Give at least one target: --master, --etcd, --etcd-members, --apiservers or --drain", command: command)
            }
            if command == .plan { options.dryRun = true }
            // A client certificate goes only to a server checked against a CA the operator
            // names: otherwise the probes would be verified against the system's bundle after the
            // restarts, and a cluster-CA server would roll back every node then.
            if options.probeCACert == nil, let flag = options.probeCert != nil ? "--probe-cert" : options.probeKey != nil ? "--probe-key" : nil {
                throw UsageError("\(flag) needs --probe-cacert: the CA that issued the probed servers' certificates (the cluster's, "
                                 + "e.g. /etc/kubernetes/pki/ca.crt; the system's bundle for a public one)", command: command)
            }
        }
        do {
            options.root = try Options.absoluteRoot(options.root, currentDirectory: currentDirectory)
        } catch {
            throw UsageError(error, command: command)
        }
        return Invocation(action: .run(command), options: options)
    }
}
