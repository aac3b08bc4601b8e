/// Reads the statements of an env file (see `EnvFile`): what bash and systemd read that defines
/// values, and a refusal, with its line and the reason, for what makes a value ambiguous.
struct EnvParser {
    let source: SourceText
    let flat: FlatText
    let lexer: ShellLexer

    /// What the file holds besides comments and blanks.
    struct Result {
        var assignments: [EnvAssignment] = []
        var sourcedFiles: [EnvSourcedFile] = []
        var unsets: [EnvUnset] = []
    }

    /// Words that open or belong to control flow: what runs depends on conditions.
    static let controlWords: Set<String> = ["if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until",
                                            "do", "done", "function", "{", "}", "[[", "]]", "!", "time", "coproc"]

    init(source: SourceText) {
        self.source = source
        self.flat = FlatText(source: source)
        self.lexer = ShellLexer(flat: flat, dialect: .shell)
    }

    private func isBlank(_ index: Int) -> Bool {
        index < flat.count && (flat.bytes[index] == 0x20 || flat.bytes[index] == 0x09 || flat.bytes[index] == 0x0D)
    }

    private func skipBlanks(_ index: Int) -> Int {
        var i = index
        while isBlank(i) { i += 1 }
        return i
    }

    private func line(_ index: Int) -> Int { flat.line(at: index) }

    /// The bytes of the plain word at `index` (up to a blank, `;`, newline, quote or `=`).
    private func bareWord(at index: Int) -> (String, Int) {
        var i = index
        while i < flat.count, ![0x20, 0x09, 0x0D, 0x0A, 0x3B, 0x22, 0x27, 0x3D].contains(flat.bytes[i]) { i += 1 }
        return (String(decoding: flat.bytes[index..<i], as: UTF8.self), i)
    }

    func parse() throws(FormatError) -> Result {
        var result = Result()
        var i = 0
        while i < flat.count {
            i = skipBlanks(i)
            guard i < flat.count else { break }
            switch flat.bytes[i] {
            case 0x0A:
                i += 1
            case 0x23:
                while i < flat.count, flat.bytes[i] != 0x0A { i += 1 }
            case 0x3B:
                throw FormatError(line: line(i) + 1, "a ';' with no command before it; bash refuses it, remove it")
            default:
                i = try statement(at: i, into: &result)
                i = try end(of: i)
            }
        }
        return result
    }

    /// After a statement: blanks, then a newline, a comment, the end, or `;` (another statement
    /// may follow on the line). Returns where the next statement may start.
    private func end(of index: Int) throws(FormatError) -> Int {
        let i = skipBlanks(index)
        guard i < flat.count else { return i }
        switch flat.bytes[i] {
        case 0x0A, 0x23: return i
        case 0x3B: return i + 1
        default:
            throw FormatError(line: line(i) + 1, "unexpected text after the statement; put it on its own line or edit the file by hand")
        }
    }

    private func statement(at start: Int, into result: inout Result) throws(FormatError) -> Int {
        let statementLine = line(start)
        let (word, afterWord) = bareWord(at: start)
        if afterWord < flat.count, flat.bytes[afterWord] == 0x3D, !word.isEmpty {
            return try assignments(at: start, exported: false, into: &result)
        }
        switch word {
        case "export":
            return try export(at: skipBlanks(afterWord), into: &result)
        case "unset":
            return try unset(at: skipBlanks(afterWord), line: statementLine, into: &result)
        case ".", "source":
            return try sourced(at: skipBlanks(afterWord), command: word, line: statementLine, into: &result)
        default:
            break
        }
        if Self.controlWords.contains(word) || word.hasPrefix("[[") {
            throw FormatError(line: statementLine + 1, "holds control flow ('\(word)'); which assignments run depends on it, so node-reconfig does not read this file: move the values it rewrites out of it, or edit the file by hand")
        }
        if word.hasSuffix("()") || (afterWord < flat.count && skipBlanks(afterWord) < flat.count && flat.bytes[skipBlanks(afterWord)] == 0x28) {
            throw FormatError(line: statementLine + 1, "defines a shell function ('\(word)'); node-reconfig does not read files with functions, edit the file by hand")
        }
        if word.hasSuffix("+"), afterWord < flat.count, flat.bytes[afterWord] == 0x3D {
            throw FormatError(line: statementLine + 1, "appends to \(word.dropLast()) with '+='; its final value depends on what came before, edit the file by hand")
        }
        let next = skipBlanks(afterWord)
        if EnvFile.isIdentifier(Substring(word)), next < flat.count, flat.bytes[next] == 0x3D {
            throw FormatError(line: statementLine + 1, "spaces around '=' are not valid in a shell assignment; write \(word)=value")
        }
        if let bracket = word.firstIndex(of: "["), EnvFile.isIdentifier(word[..<bracket]) {
            throw FormatError(line: statementLine + 1, "sets an element of the array \(word[..<bracket]); node-reconfig does not read arrays, edit the file by hand")
        }
        throw FormatError(line: statementLine + 1, "runs the command '\(word)'; node-reconfig reads assignments (KEY=value, export, unset, '. FILE'), not commands: remove it or edit the file by hand")
    }

    /// `NAME=VALUE [NAME=VALUE…]`: bash assigns each. A word that is not an assignment after
    /// them would be run as a command with those variables set for it only: refused.
    private func assignments(at start: Int, exported: Bool, into result: inout Result) throws(FormatError) -> Int {
        var i = start
        var previous: EnvAssignment? = nil
        while i < flat.count, ![0x0A, 0x3B, 0x23].contains(flat.bytes[i]) {
            if [0x26, 0x7C, 0x3C, 0x3E, 0x28, 0x29].contains(flat.bytes[i]) {
                _ = try lexer.readWord(from: i)  // refuses the operator, naming it
            }
            let (word, afterWord) = bareWord(at: i)
            // After the first assignment, only NAME=… is another one: `--f=v` is a command word.
            let isAssignment = afterWord < flat.count && flat.bytes[afterWord] == 0x3D && !word.isEmpty
                && (previous == nil || EnvFile.isIdentifier(Substring(word)) || word.hasSuffix("+") || word.contains("["))
            guard isAssignment else {
                let (next, _) = (try? lexer.readWord(from: i)) ?? (ShellWord(parts: []), i)
                let shown = next.text.isEmpty ? word : next.text
                if let previous {
                    if previous.quote == .none {
                        throw FormatError(line: line(i) + 1, "the value of \(previous.key) is followed by the word '\(shown)': bash would run it as a command with \(previous.key) set for it only; quote the whole value (\(previous.key)=\"…\") or edit the file by hand")
                    }
                    throw FormatError(line: line(i) + 1, "after the quoted value of \(previous.key) comes the word '\(shown)': bash would run it as a command; put it inside the quotes or remove it")
                }
                throw FormatError(line: line(i) + 1, "runs the command '\(shown)'; node-reconfig reads assignments, not commands: remove it or edit the file by hand")
            }
            let assignment = try assignment(key: word, at: i, equals: afterWord, exported: exported)
            result.assignments.append(assignment)
            previous = assignment
            i = skipBlanks(assignment.valueEnd)
        }
        return i
    }

    private func assignment(key: String, at start: Int, equals: Int, exported: Bool) throws(FormatError) -> EnvAssignment {
        let keyLine = line(start)
        if key.hasSuffix("+") {
            throw FormatError(line: keyLine + 1, "appends to \(key.dropLast()) with '+='; its final value depends on what came before, edit the file by hand")
        }
        if let bracket = key.firstIndex(of: "["), EnvFile.isIdentifier(key[..<bracket]) {
            throw FormatError(line: keyLine + 1, "sets an element of the array \(key[..<bracket]); node-reconfig does not read arrays, edit the file by hand")
        }
        guard EnvFile.isIdentifier(Substring(key)) else {
            throw FormatError(line: keyLine + 1, "'\(key)' is not a shell variable name (letters, digits and _, not starting with a digit)")
        }
        let valueIndex = equals + 1
        if valueIndex < flat.count, flat.bytes[valueIndex] == 0x28 {
            throw FormatError(line: keyLine + 1, "\(key)=( … ) is an array; node-reconfig does not read arrays, edit the file by hand")
        }
        var word = ShellWord(parts: [])
        var next = valueIndex
        if valueIndex < flat.count, ![0x20, 0x09, 0x0D, 0x0A, 0x3B].contains(flat.bytes[valueIndex]) {
            (word, next) = try lexer.readWord(from: valueIndex, statementLine: keyLine)
        }
        let quote: EnvAssignment.Quote
        switch valueIndex < flat.count ? flat.bytes[valueIndex] : 0 {
        case 0x27: quote = .single
        case 0x22: quote = .double
        default: quote = .none
        }
        let lastLine = next > valueIndex ? line(next - 1) : keyLine
        var assignment = EnvAssignment(key: key, isExported: exported, quote: quote, line: keyLine, lastLine: lastLine,
                                       valueWord: word, valueStart: Int(flat.offsets[equals]) + 1)
        assignment.valueEnd = next
        return assignment
    }

    /// `export NAME…` and `export NAME=VALUE…`, mixed.
    private func export(at start: Int, into result: inout Result) throws(FormatError) -> Int {
        var i = start
        while i < flat.count, ![0x0A, 0x3B, 0x23].contains(flat.bytes[i]) {
            let (word, afterWord) = bareWord(at: i)
            if afterWord < flat.count, flat.bytes[afterWord] == 0x3D, !word.isEmpty {
                let assignment = try assignment(key: word, at: i, equals: afterWord, exported: true)
                result.assignments.append(assignment)
                i = skipBlanks(assignment.valueEnd)
            } else if EnvFile.isIdentifier(Substring(word)) {
                i = skipBlanks(afterWord)
            } else {
                throw FormatError(line: line(i) + 1, "export '\(word)' is not a variable name or NAME=value; node-reconfig does not read it, edit the file by hand")
            }
        }
        return i
    }

    /// `unset [-v] NAME…`.
    private func unset(at start: Int, line statementLine: Int, into result: inout Result) throws(FormatError) -> Int {
        var i = start
        var names: [String] = []
        while i < flat.count, ![0x0A, 0x3B, 0x23].contains(flat.bytes[i]) {
            let (word, afterWord) = bareWord(at: i)
            if word == "-v" {
            } else if EnvFile.isIdentifier(Substring(word)) {
                names.append(word)
            } else {
                throw FormatError(line: line(i) + 1, "unset '\(word)' is not a variable name; node-reconfig does not read it, edit the file by hand")
            }
            i = skipBlanks(afterWord)
        }
        result.unsets.append(EnvUnset(names: names, line: statementLine))
        return i
    }

    /// `. FILE` / `source FILE [ARGS…]`: the file the shell reads here, exposed as a reference.
    private func sourced(at start: Int, command: String, line statementLine: Int, into result: inout Result) throws(FormatError) -> Int {
        guard start < flat.count, ![0x0A, 0x3B, 0x23].contains(flat.bytes[start]) else {
            throw FormatError(line: statementLine + 1, "'\(command)' without a file name; bash refuses it, remove it")
        }
        let (path, end) = try lexer.readWord(from: start, statementLine: statementLine)
        var i = skipBlanks(end)
        while i < flat.count, ![0x0A, 0x3B, 0x23].contains(flat.bytes[i]) {
            i = skipBlanks(try lexer.readWord(from: i).1)
        }
        result.sourcedFiles.append(EnvSourcedFile(path: path.token, isComputed: path.isComputed || !path.referencedVariables.isEmpty,
                                                  line: statementLine))
        return i
    }
}
