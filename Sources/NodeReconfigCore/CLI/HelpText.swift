/// Help in swift-argument-parser's layout (OVERVIEW:, USAGE:, ARGUMENTS:, one section per option
/// group, OPTIONS:, SUBCOMMANDS:), every option row read from `OptionSpec.table`.
enum HelpText {
    /// The full help for `command`; nil (or `.help`) gives the top-level overview.
    static func text(for command: CommandName?) -> String {
        guard let command, command != .help else { return overview() }
        var out = wrap(summary(command), after: "OVERVIEW: ", indent: 0) + "\n\n"
        if let details = details(command) { out += details + "\n\n" }
        out += wrap(shortUsage(for: command), after: "USAGE: ", indent: 7) + "\n\n"
        if let arguments = arguments(command) { out += "ARGUMENTS:\n" + arguments + "\n" }
        let accepted = OptionSpec.accepted(by: command)
        for group in OptionSpec.Group.allCases {
            let rows = accepted.filter { $0.group == group }.map { row($0.label, $0.helpWithDefault) }
            if !rows.isEmpty { out += group.rawValue + ":\n" + rows.joined() + "\n" }
        }
        out += "OPTIONS:\n"
        // fanout reads its own words: `--version` is not one of them.
        if command != .fanout { out += row("--version", "Show the version.") }
        out += row("-h, --help", "Show help information.")
        if command == .fanout {
            out += "\n" + wrap("RESULTS: changed, unchanged, pending (plan), detected (detect), rolled-back, failed, "
                              + "unreachable, timeout, skipped. Progress goes to stderr, the table to stdout.", after: "", indent: 0)
            out += "\n\n" + wrap("EXIT CODES: 0 every host succeeded; 1 bad input, nothing was run; 2 (plan) every host "
                                + "succeeded and some have pending changes; 3 at least one host did not succeed, or the report could not be written.", after: "", indent: 0) + "\n"
        }
        return out
    }

    /// The ARGUMENTS section's rows, for the commands that take any.
    static func arguments(_ command: CommandName) -> String? {
        switch command {
        case .rollback: return row("<id>", "The backup set to restore (default: the newest). See 'node-reconfig backups'.")
        case .fanout:
            return row("-- <flags>", "The options of 'node-reconfig apply' (or plan, detect) for every host, passed "
                       + "as given, with --json added. See 'node-reconfig help apply'.")
        default: return nil
        }
    }

    /// The one-line usage shown under `USAGE:` and in error messages.
    static func shortUsage(for command: CommandName?) -> String {
        let tool = "node-reconfig"
        switch command {
        case nil, .help?:
            return command == nil ? "\(tool) <command> [<options>]" : "\(tool) help [<command>]"
        case .apply?, .plan?:
            let word = command!.rawValue
            return "\(tool) \(word) [--master=URL] [--etcd=URL,...] [--etcd-members=NAME=URL,...] "
                + "[--apiservers=HOST:PORT,...] [--drain=HOST:PORT,...] [<options>]"
        case .detect?: return "\(tool) detect [--root=DIR] [--only=COMPONENT,...] [--file=KIND:PATH ...] [--json]"
        case .rollback?: return "\(tool) rollback [<id>] [--root=DIR] [--backup-dir=DIR] [<options>]"
        case .backups?: return "\(tool) backups [--root=DIR] [--backup-dir=DIR] [--json]"
        case .fanout?: return "\(tool) fanout [plan|detect] --hosts=FILE|H1,H2 [<options>] -- FLAGS..."
        }
    }

    static func summary(_ command: CommandName) -> String {
        switch command {
        case .apply: return "Switch this node to the new control-plane addresses."
        case .plan: return "Show what apply would change, as a unified diff per file; change nothing."
        case .detect: return "List the config files found on this node and the addresses they hold now."
        case .rollback: return "Restore the newest (or the named) backup set and restart what it touched."
        case .backups: return "List backup sets: id, time, files, outcome."
        case .fanout: return "Run node-reconfig on many hosts over ssh, in waves."
        case .help: return "Show usage, per command."
        }
    }

    static func details(_ command: CommandName) -> String? {
        switch command {
        case .apply, .plan:
            return wrap("Give at least one target flag. Lists are comma-joined, in the order given; URLs need "
                + "http:// or https://. Loopback values (a node-local load balancer) and variable references "
                + "are left as they are. Exit codes: 0 done, 1 refused (nothing changed), 2 changes pending "
                + "(plan), 3 rolled back, 4 rollback incomplete.", after: "", indent: 0)
        case .fanout:
            let modes = row("fanout -- FLAGS", "Runs 'node-reconfig apply FLAGS --json' on every host.")
                + row("fanout plan -- FLAGS", "The same as a dry run ('node-reconfig plan'): nothing changes.")
                + row("fanout detect", "An inventory: 'node-reconfig detect --json' on every host.")
            return String(modes.dropLast())
        default: return nil
        }
    }

    static func overview() -> String {
        var out = "OVERVIEW: Rewrite a Kubernetes node's control-plane addresses (apiserver, etcd,\n"
        out += "load-balancer pools), byte for byte, with backup, health check and rollback.\n\n"
        out += "USAGE: node-reconfig [apply] [--master=URL] [--etcd=URL,...] [<options>]\n"
        out += "       node-reconfig <command> [<options>]\n\n"
        out += "OPTIONS:\n" + row("--version", "Show the version.") + row("-h, --help", "Show help information.")
        out += "\nSUBCOMMANDS:\n"
        for command in CommandName.allCases {
            out += row(command == .apply ? "apply (default)" : command.rawValue, summary(command))
        }
        out += "\n  See 'node-reconfig help <command>' for detailed help.\n"
        return out
    }

    /// `  label       help`, help starting at column 26 and wrapped at 80 columns.
    static func row(_ label: String, _ help: String) -> String {
        let first = "  " + label
        if first.count > 24 {
            return first + "\n" + wrap(help, after: String(repeating: " ", count: 26), indent: 26) + "\n"
        }
        return wrap(help, after: first + String(repeating: " ", count: 26 - first.count), indent: 26) + "\n"
    }

    /// `prefix` then the words of `text`, wrapped at 80 columns, continuation lines indented.
    static func wrap(_ text: String, after prefix: String, indent: Int) -> String {
        var lines: [String] = []
        var line = prefix
        var lineHasWord = false
        for word in text.split(separator: " ") {
            if lineHasWord, line.count + 1 + word.count > 80 {
                lines.append(line)
                line = String(repeating: " ", count: indent)
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
