extension FanoutOptions {
    private static let valueOptions: Set<String> = [
        "--hosts", "--parallel", "--batch", "--max-failures", "--timeout", "--hangup-grace", "--ssh", "--remote-bin",
        "--report", "--retry-failed",
    ]
    private static let switchOptions: Set<String> = ["--sudo", "--copy-binary", "--json", "--help", "-h"]

    /// Parses the words after `fanout`: an optional `plan`/`detect`, options (`--o=v` or
    /// `--o v`), then `--` and the node-reconfig flags.
    public init(parsing arguments: [String]) throws(FanoutUsageError) {
        self.init()
        var rest = arguments[...]
        if let first = rest.first, first == "plan" || first == "detect" || first == "apply" {
            mode = Mode(rawValue: first)!
            rest = rest.dropFirst()
        }
        while let word = rest.first {
            rest = rest.dropFirst()
            if word == "--" {
                flags = Array(rest)
                rest = []
                // `fanout -- plan FLAGS` names the command after `--`: the same as `fanout plan`.
                if let command = flags.first.flatMap(Mode.init(rawValue:)) {
                    mode = command
                    flags.removeFirst()
                }
                break
            }
            guard word.hasPrefix("-") else {
                throw FanoutUsageError("Unexpected argument '\(word)': node-reconfig flags go after '--'")
            }
            var name = word
            var value: String? = nil
            if let eq = word.firstIndex(of: "=") {
                name = String(word[..<eq])
                value = String(word[word.index(after: eq)...])
            }
            if Self.switchOptions.contains(name) {
                if value != nil { throw FanoutUsageError("Option '\(name)' takes no value") }
                try apply(switch: name)
            } else if Self.valueOptions.contains(name) {
                if value == nil {
                    guard let next = rest.first, next != "--" else { throw FanoutUsageError("Missing value for '\(name) <value>'") }
                    value = next
                    rest = rest.dropFirst()
                }
                try apply(option: name, value: value!)
            } else {
                throw FanoutUsageError("Unknown option '\(name)'")
            }
        }
        if help { return }
        if hosts == nil && retryFailed == nil {
            throw FanoutUsageError("Missing expected argument '--hosts=FILE|H1,H2' (or '--retry-failed=REPORT')")
        }
        if let remoteBinary, copyBinary, !remoteBinary.hasPrefix("/") {
            throw FanoutUsageError("--remote-bin '\(remoteBinary)' must be an absolute path with --copy-binary")
        }
    }

    private mutating func apply(switch name: String) throws(FanoutUsageError) {
        switch name {
        case "--sudo": sudo = true
        case "--copy-binary": copyBinary = true
        case "--json": json = true
        default: help = true
        }
    }

    private mutating func apply(option name: String, value: String) throws(FanoutUsageError) {
        switch name {
        case "--hosts": hosts = value
        case "--parallel": parallel = try Self.count(value, name, minimum: 1)
        case "--batch": batch = try Self.batch(value)
        case "--max-failures": maxFailures = try Self.count(value, name, minimum: 0)
        case "--timeout":
            guard let seconds = Double(value), seconds > 0, seconds.isFinite else {
                throw FanoutUsageError("Invalid value '\(value)' for '--timeout': seconds, greater than 0")
            }
            timeout = seconds
        case "--hangup-grace":
            guard let seconds = Double(value), seconds >= 0, seconds.isFinite else {
                throw FanoutUsageError("Invalid value '\(value)' for '--hangup-grace': seconds, 0 or more")
            }
            hangupGrace = seconds
        case "--ssh":
            guard let words = ShellWords.split(value), let program = words.first else {
                throw FanoutUsageError("Invalid value '\(value)' for '--ssh': a command such as 'ssh -F ~/.ssh/fleet'")
            }
            guard !program.hasPrefix("-") else { throw FanoutUsageError("Invalid value '\(value)' for '--ssh': it must start with the program") }
            ssh = words
        case "--remote-bin":
            guard !value.isEmpty, !value.hasPrefix("-") else {
                throw FanoutUsageError("Invalid value '\(value)' for '--remote-bin': a path or a program name")
            }
            remoteBinary = value
        case "--report": report = value
        default: retryFailed = value
        }
    }

    private static func count(_ value: String, _ name: String, minimum: Int) throws(FanoutUsageError) -> Int {
        guard let n = Int(value), n >= minimum else {
            throw FanoutUsageError("Invalid value '\(value)' for '\(name)': a whole number, at least \(minimum)")
        }
        return n
    }

    private static func batch(_ value: String) throws(FanoutUsageError) -> Batch {
        if value.hasSuffix("%") {
            if let p = Int(value.dropLast()), (1...100).contains(p) { return .percent(p) }
        } else if let n = Int(value), n >= 1 {
            return .count(n)
        }
        throw FanoutUsageError("Invalid value '\(value)' for '--batch': a number of hosts (5) or a percentage (25%)")
    }
}
