/// A service's command line as systemd runs it: the effective `ExecStart=` of its unit and
/// drop-ins, with the variables of `Environment=` and `EnvironmentFile=` expanded, each word
/// knowing the file and line it comes from. Discovery reads from it the program the unit runs,
/// the files its flags name (`--kubeconfig`, nginx `-c`/`-p`, haproxy `-f`, TLS files), how a
/// load balancer is started, and which variables hold values of a known role.
struct ServiceCommand: Sendable {
    /// One argument as the program receives it.
    struct Word: Sendable, Equatable {
        var text: String
        /// The node path of the file that wrote it (the unit, or the env file defining the variable).
        var path: String
        /// 0-based line there.
        var line: Int
        /// True when it comes from the unit's own command line, false from a variable's value.
        var isInUnit: Bool
    }

    /// A variable's definition: its value, its words as `$NAME` splits it (each with its own
    /// line: a value may run over several), and where it is set.
    struct Definition: Sendable {
        var value: String
        var words: [(text: String, line: Int)]
        var path: String
        var line: Int
    }

    /// The binary as written (first word, systemd's `-@:+!` prefixes dropped), expanded.
    var binary: String?
    /// The word holding the binary (where the command line is written).
    var start: Word?
    /// The program it runs, when node-reconfig knows it.
    var program: Program?
    /// The arguments after the program (all `ExecStart=` commands of the service, in order).
    var arguments: [Word]
    /// Variables that a known flag takes whole (`--etcd-servers=${ETCD_SERVERS}`), with the role.
    var variableRoles: [String: Role]

    /// `units`: the unit file and drop-ins in the order systemd applies them, each with its node
    /// path. `environment`: the variables of `Environment=` and then of each `EnvironmentFile=`
    /// (a later definition wins; systemd lets `EnvironmentFile=` win over `Environment=`).
    init(units: [(path: String, unit: SystemdUnit)], environment: [String: Definition]) {
        var commands: [(path: String, entry: SystemdEntry)] = []
        for (path, unit) in units {
            for entry in unit.entries("ExecStart") {
                if entry.shellWords.isEmpty { commands.removeAll() } else { commands.append((path, entry)) }
            }
        }
        var roles: [String: Role] = [:]
        let scanner = FlagScanner(valueFlags: Role.valueFlags)
        for (_, entry) in commands {
            for flag in scanner.scan(entry.shellWords) {
                if let role = Role.flags[flag.name], let name = EnvAssignment.reference(in: flag.value.text) { roles[name] = role }
            }
        }
        variableRoles = roles
        var words: [[Word]] = commands.map { path, entry in
            entry.shellWords.flatMap { Self.expand($0, path: path, environment: environment) }
        }
        guard var first = words.first, !first.isEmpty else {
            binary = nil; start = nil; program = nil; arguments = []
            return
        }
        // systemd's prefixes: `-` (failure ignored), `@` (the next word is argv[0]), `:`, `+`, `!`.
        let prefixes = first[0].text.prefix { "-@:+!".contains($0) }
        first[0].text.removeFirst(prefixes.count)
        if prefixes.contains("@"), first.count > 1 { first.remove(at: 1) }
        words[0] = first
        binary = first[0].text
        start = first[0]
        let running = Program.running(first.map(\.text))
        program = running?.program
        let skip = running?.firstArgument ?? 1
        arguments = Array(first.dropFirst(skip)) + words.dropFirst().flatMap { Array($0.dropFirst()) }
    }

    /// One word of an `ExecStart=` line, expanded: `$NAME` alone splits the value into words,
    /// `${NAME}` (alone or inside a word) and `$NAME` inside a word put the value in place.
    static func expand(_ word: ShellWord, path: String, environment: [String: Definition]) -> [Word] {
        let text = word.text
        let line = word.parts.first?.line ?? 0
        if text.hasPrefix("$"), !text.hasPrefix("${"), let name = EnvAssignment.reference(in: text) {
            guard let definition = environment[name] else { return [] }
            return definition.words.map { Word(text: $0.text, path: definition.path, line: $0.line, isInUnit: false) }
        }
        guard text.contains("$") else { return [Word(text: text, path: path, line: line, isInUnit: true)] }
        if let name = EnvAssignment.reference(in: text) {
            // `${NAME}` alone: exactly one word, where the value is set.
            guard let definition = environment[name] else { return [Word(text: "", path: path, line: line, isInUnit: true)] }
            return [Word(text: definition.value, path: definition.path, line: definition.line, isInUnit: false)]
        }
        return [Word(text: substitute(text, environment), path: path, line: line, isInUnit: true)]
    }

    /// `text` with every `${NAME}` and `$NAME` replaced by its value (empty when unset), `$$` by `$`.
    static func substitute(_ text: String, _ environment: [String: Definition]) -> String {
        var out = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            rest = rest[rest.index(after: dollar)...]
            if rest.first == "$" {
                out += "$"
                rest = rest.dropFirst()
            } else if rest.first == "{", let close = rest.firstIndex(of: "}") {
                out += environment[String(rest[rest.index(after: rest.startIndex)..<close])]?.value ?? ""
                rest = rest[rest.index(after: close)...]
            } else {
                let name = rest.prefix { $0 == "_" || $0.isLetter || $0.isNumber }
                if name.isEmpty { out += "$" } else { out += environment[String(name)]?.value ?? "" }
                rest = rest.dropFirst(name.count)
            }
        }
        return out + rest
    }

    /// The program's file flags on the command line, in order, with the word naming each.
    var fileFlags: [(flag: Program.FileFlag, spelling: String, value: String, word: Word)] {
        guard let program else { return [] }
        let tokens = arguments.enumerated().map { index, word in
            ValueToken(text: word.text, line: index, range: 0..<word.text.utf8.count, isVerbatim: false)
        }
        return program.fileFlags(in: tokens).map { flag, occurrence in
            (flag, occurrence.spelling, occurrence.value.text, arguments[occurrence.wordIndex])
        }
    }
}
