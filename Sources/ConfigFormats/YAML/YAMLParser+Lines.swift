/// Byte-level helpers over the lines of the file (columns are UTF-8 offsets).
extension YAMLParser {
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let hash: UInt8 = 0x23
    static let dash: UInt8 = 0x2D
    static let colon: UInt8 = 0x3A

    /// True for a line holding only whitespace or a comment.
    func isTrivia(_ i: Int) -> Bool {
        let line = lines[i]
        let c = skipBlanks(line, 0)
        return c == line.count || line[c] == Self.hash
    }

    /// True for a line holding only spaces and tabs.
    func isBlank(_ i: Int) -> Bool {
        lines[i].allSatisfy { $0 == Self.space || $0 == Self.tab }
    }

    /// `---` or `...` at column 0, alone or followed by whitespace.
    func isMarker(_ i: Int) -> Bool {
        let line = lines[i]
        guard line.count >= 3 else { return false }
        let head = Array(line[0..<3])
        guard head == Array("---".utf8) || head == Array("...".utf8) else { return false }
        return line.count == 3 || line[3] == Self.space || line[3] == Self.tab
    }

    /// Moves `index` past blank and comment lines.
    mutating func skipTrivia() {
        while index < lines.count, isTrivia(index) { index += 1 }
    }

    /// Number of leading spaces.
    func rawIndent(_ i: Int) -> Int {
        lines[i].prefix(while: { $0 == Self.space }).count
    }

    /// The indentation of a structural line; refuses a tab in it.
    func indentation(_ i: Int) throws(FormatError) -> Int {
        let n = rawIndent(i)
        if n < lines[i].count, lines[i][n] == Self.tab {
            throw FormatError(line: i + 1, "a tab in the indentation; YAML indents with spaces only, replace the tab with spaces")
        }
        return n
    }

    /// The first column at or after `c` that is not a space or tab.
    func skipBlanks(_ line: [UInt8], _ c: Int) -> Int {
        var c = c
        while c < line.count, line[c] == Self.space || line[c] == Self.tab { c += 1 }
        return c
    }

    /// True when the rest of line `i` from column `c` is whitespace, optionally followed by a
    /// comment that a blank separates from what came before.
    func restIsTrivia(_ i: Int, from c: Int) -> Bool {
        let line = lines[i]
        let s = skipBlanks(line, c)
        if s == line.count { return true }
        return line[s] == Self.hash && (s > c || c == 0)
    }

    /// True when `- ` (or a lone `-`) starts at column `c` of line `i`.
    func isSequenceIndicator(_ i: Int, _ c: Int) -> Bool {
        let line = lines[i]
        guard c < line.count, line[c] == Self.dash else { return false }
        return c + 1 == line.count || line[c + 1] == Self.space || line[c + 1] == Self.tab
    }

    func text(_ i: Int, _ range: Range<Int>) -> String {
        String(decoding: lines[i][range], as: UTF8.self)
    }

    func fitsNoParent(_ i: Int) -> FormatError {
        FormatError(line: i + 1, "this line's indentation fits no parent node (a value continued on a new line, or a misaligned key); fix the indentation")
    }
}
