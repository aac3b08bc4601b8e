import Testing
@testable import ConfigFormats

@Suite("ShellWords splits like the shell and systemd")
struct ShellWordsTests {
    static func words(_ text: String, _ dialect: ShellWords.Dialect) throws -> [ShellWord] {
        try ShellWords.split(line: 0, of: SourceText(bytes: Array(text.utf8)), dialect: dialect)
    }

    @Test("quotes are removed; single quotes are literal in the shell; escapes make a word non-verbatim")
    func shellQuoting() throws {
        let w = try Self.words(#"a 'b c' "d\"e" f\ g '$x\n'"#, .shell)
        #expect(w.map(\.text) == ["a", "b c", #"d"e"#, "f g", #"$x\n"#])
        #expect(w.map(\.token.isVerbatim) == [true, true, false, false, true])
        #expect(w[1].token.range == 3..<6)
    }

    @Test("systemd resolves C escapes inside and outside quotes")
    func systemdEscapes() throws {
        let w = try Self.words(#"a "b\tc" 'd\'e' \x41"#, .systemd)
        #expect(w.map(\.text) == ["a", "b\tc", "d'e", "A"])
    }

    @Test("an unterminated quote is refused with its line")
    func unterminated() {
        #expect(throws: FormatError.self) { try Self.words("a 'b c", .shell) }
    }

    @Test("operators are refused in the shell dialect only; substitutions are read whole and marked computed")
    func shellCode() throws {
        #expect(throws: FormatError.self) { try Self.words("a;b", .shell) }
        #expect(throws: FormatError.self) { try Self.words("a | b", .shell) }
        let computed = try Self.words("\"--x=$(hostname -f)\" `id` ${A:-a b} $((1 + 2))", .shell)
        #expect(computed.map(\.text) == ["--x=$(hostname -f)", "`id`", "${A:-a b}", "$((1 + 2))"])
        #expect(computed.map(\.isComputed) == [true, true, false, true])
        #expect(computed[2].referencedVariables == ["A"])
        #expect(try Self.words("a;b", .systemd).map(\.text) == ["a;b"])
    }

    @Test("a word split on whitespace keeps positions of each piece")
    func splitOnWhitespace() throws {
        let w = try Self.words(#""--a=1  --b=2""#, .systemd)
        let pieces = try #require(w.first).splitOnWhitespace()
        #expect(pieces.map(\.token) == [ValueToken(text: "--a=1", line: 0, range: 1..<6), ValueToken(text: "--b=2", line: 0, range: 8..<13)])
    }
}
