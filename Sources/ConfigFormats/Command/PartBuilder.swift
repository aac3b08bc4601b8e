/// Collects the parts of a word while the lexer reads it: runs of verbatim bytes on one line,
/// and characters produced by escapes.
struct PartBuilder {
    let flat: FlatText
    private var parts: [ShellWord.Part] = []
    private var run: [UInt8] = []
    private var runStart = 0
    private var runEnd = 0
    private var runQuoted = false
    private var runLiteral = false
    private var runExpansion = false
    /// True when a quote opened and nothing has been added since (for empty `""` parts).
    private var pendingEmptyQuote: Int? = nil

    init(flat: FlatText) {
        self.flat = flat
    }

    /// A byte that stands for itself (`literal`: inside `'…'`; `expansion`: inside `$(…)` and
    /// the like, kept as written).
    mutating func literal(at index: Int, quoted: Bool, literal: Bool = false, expansion: Bool = false) {
        pendingEmptyQuote = nil
        let continues = !run.isEmpty && runQuoted == quoted && runLiteral == literal && runExpansion == expansion && runEnd == index
            && flat.lines[index] == flat.lines[runStart] && !flat.synthetic[index]
        if !continues { flush() }
        if run.isEmpty {
            runStart = index
            runQuoted = quoted
            runLiteral = literal
            runExpansion = expansion
        }
        run.append(flat.bytes[index])
        runEnd = index + 1
        if flat.synthetic[index] {
            flush(verbatim: false)
        }
    }

    /// Text produced by an escape spanning bytes `from..<to`.
    mutating func escaped(_ text: String, from: Int, to: Int, quoted: Bool) {
        pendingEmptyQuote = nil
        flush()
        let line = Int(flat.lines[from])
        let lower = Int(flat.offsets[from])
        parts.append(.init(text: text, line: line, range: lower..<(lower + (to - from)), isVerbatim: false, isQuoted: quoted))
    }

    /// A backslash-newline that the shell removes.
    mutating func removed() {
        pendingEmptyQuote = nil
        flush()
    }

    /// The bytes `from..<to` of an expansion (`$(…)`, `` `…` ``, `${…}`), kept as written.
    mutating func expansion(from: Int, to: Int, quoted: Bool) {
        flush()
        for index in from..<to { literal(at: index, quoted: quoted, expansion: true) }
        flush()
    }

    mutating func openQuote(after index: Int) {
        flush()
        pendingEmptyQuote = index + 1
    }

    mutating func closeQuote(at index: Int) {
        if pendingEmptyQuote != nil {
            let line = Int(flat.lines[index])
            let offset = Int(flat.offsets[index])
            parts.append(.init(text: "", line: line, range: offset..<offset, isVerbatim: true, isQuoted: true))
        }
        pendingEmptyQuote = nil
        flush()
    }

    mutating func finish() -> ShellWord {
        flush()
        return ShellWord(parts: parts)
    }

    private mutating func flush(verbatim: Bool = true) {
        guard !run.isEmpty else { return }
        let line = Int(flat.lines[runStart])
        let lower = Int(flat.offsets[runStart])
        let text = String(decoding: run, as: UTF8.self)
        parts.append(.init(text: text, line: line, range: lower..<(lower + run.count), isVerbatim: verbatim, isQuoted: runQuoted,
                           isLiteral: runLiteral, isExpansion: runExpansion))
        run.removeAll()
    }
}
