extension FanoutOptions {
    /// Parses the words after `fanout`: an optional `plan`/`detect`, options (`--o=v` or
    /// `--o v`, the fanout entries of `OptionSpec.table`), then `--` and the node-reconfig flags.
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
            if name == "--help" || name == "-h" {
                if value != nil { throw FanoutUsageError("Option '\(name)' takes no value") }
                help = true
                continue
            }
            guard name.hasPrefix("--"), let spec = OptionSpec.named(String(name.dropFirst(2)), for: .fanout),
                  case .fanout(let set) = spec.destination else {
                throw FanoutUsageError("Unknown option '\(name)'")
            }
            if !spec.takesValue {
                if value != nil { throw FanoutUsageError("Option '\(name)' takes no value") }
            } else if value == nil {
                guard let next = rest.first, next != "--" else { throw FanoutUsageError("Missing value for '\(name) <value>'") }
                value = next
                rest = rest.dropFirst()
            }
            try set(&self, value ?? "", spec.flag)
        }
        if help { return }
        if hosts == nil && retryFailed == nil {
            throw FanoutUsageError("Missing expected argument '--hosts=FILE|H1,H2' (or '--retry-failed=REPORT')")
        }
        if let remoteBinary, copyBinary, !remoteBinary.hasPrefix("/") {
            throw FanoutUsageError("--remote-bin '\(remoteBinary)' must be an absolute path with --copy-binary")
        }
    }

    static func seconds(_ value: String, _ name: String, zeroAllowed: Bool) throws(FanoutUsageError) -> Double {
        guard let seconds = Double(value), zeroAllowed ? seconds >= 0 : seconds > 0, seconds.isFinite else {
            throw FanoutUsageError("Invalid value '\(value)' for '\(name)': seconds, \(zeroAllowed ? "0 or more" : "greater than 0")")
        }
        return seconds
    }

    static func sshWords(_ value: String, _ name: String) throws(FanoutUsageError) -> [String] {
        guard let words = ShellQuoting.split(value), let program = words.first else {
            throw FanoutUsageError("Invalid value '\(value)' for '\(name)': a command such as 'ssh -F ~/.ssh/fleet'")
        }
        guard !program.hasPrefix("-") else { throw FanoutUsageError("Invalid value '\(value)' for '\(name)': it must start with the program") }
        return words
    }

    static func remoteBinary(_ value: String, _ name: String) throws(FanoutUsageError) -> String {
        guard !value.isEmpty, !value.hasPrefix("-") else {
            throw FanoutUsageError("Invalid value '\(value)' for '\(name)': a path or a program name")
        }
        return value
    }

    static func count(_ value: String, _ name: String, minimum: Int) throws(FanoutUsageError) -> Int {
        guard let n = Int(value), n >= minimum else {
            throw FanoutUsageError("Invalid value '\(value)' for '\(name)': a whole number, at least \(minimum)")
        }
        return n
    }

    static func batch(_ value: String) throws(FanoutUsageError) -> Batch {
        if value.hasSuffix("%") {
            if let p = Int(value.dropLast()), (1...100).contains(p) { return .percent(p) }
        } else if let n = Int(value), n >= 1 {
            return .count(n)
        }
        throw FanoutUsageError("Invalid value '\(value)' for '--batch': a number of hosts (5) or a percentage (25%)")
    }
}
