import Testing
@testable import ConfigFormats

@Suite("SourceText keeps every byte")
struct SourceTextTests {
    @Test("LF, CRLF, a missing final newline and blank lines survive a round trip",
          arguments: ["a\nb\n", "a\r\nb\r\n", "a\nb", "", "\n\n", "x\r\ny\nz", "  \t \n#c  \n"])
    func roundTrip(_ text: String) throws {
        let source = try SourceText(bytes: Array(text.utf8))
        #expect(source.bytes == Array(text.utf8))
    }

    @Test("invalid UTF-8 is refused with its line")
    func invalidUTF8() {
        let bytes: [UInt8] = Array("ok\nok\n".utf8) + [0xFF, 0x41, 0x0A]
        #expect(throws: FormatError(line: 3, "is not valid UTF-8 text")) {
            try SourceText(bytes: bytes)
        }
    }

    @Test("a NUL byte is refused")
    func nul() {
        #expect(throws: FormatError.self) { try SourceText(bytes: [0x41, 0x00, 0x0A]) }
    }

    @Test("span patches change only their bytes, line patches insert and delete")
    func patches() throws {
        let source = try SourceText(bytes: Array("key=old value\r\nsecond\nthird\n".utf8))
        let patched = try source.applying([
            .span(line: 0, range: 4..<7, replacement: "new"),
            .lines(1..<2, replacement: [Line("a", ending: .lf), Line("b", ending: .lf)]),
        ])
        #expect(patched.string == "key=new value\r\na\nb\nthird\n")
    }

    @Test("overlapping patches are refused")
    func overlap() throws {
        let source = try SourceText(bytes: Array("abcdef\n".utf8))
        #expect(throws: FormatError.self) {
            try source.applying([.span(line: 0, range: 0..<3, replacement: "x"), .span(line: 0, range: 2..<4, replacement: "y")])
        }
    }

    @Test("lines are read from the buffer: text without its ending, the ending, and the offsets",
          arguments: [("a\r\nbb\n\nccc", ["a", "bb", "", "ccc"], [LineEnding.crlf, .lf, .lf, .none]),
                      ("x\r", ["x\r"], [.none]), ("\r\n\r\n", ["", ""], [.crlf, .crlf]), ("", [], [])])
    func linesView(_ text: String, _ texts: [String], _ endings: [LineEnding]) throws {
        let source = try SourceText(bytes: Array(text.utf8))
        #expect(source.lineCount == texts.count)
        #expect(source.lines.map(\.text) == texts)
        #expect(source.lines.map(\.ending) == endings)
        #expect(SourceText(lines: Array(source.lines)).bytes == source.bytes)
        for index in 0..<source.lineCount {
            let range = source.textRange(ofLine: index)
            #expect(String(decoding: source.bytes[range], as: UTF8.self) == texts[index])
            #expect(source.line(containing: range.lowerBound) == index)
            #expect(source.line(containing: range.lowerBound, from: source.lineCount - 1) == index)
        }
    }

    @Test("non-ASCII text is accepted and kept; invalid bytes after valid UTF-8 on the same line are refused")
    func utf8Lines() throws {
        let good = "# Grüße\nserver ☃;\n"
        #expect(try SourceText(bytes: Array(good.utf8)).lines[1].text == "server ☃;")
        let bad: [UInt8] = Array("ok\né ".utf8) + [0xC3, 0x28, 0x0A]
        #expect(throws: FormatError(line: 2, "is not valid UTF-8 text")) { try SourceText(bytes: bad) }
        #expect(throws: FormatError(line: 2, "holds a NUL byte; this is not a text configuration file")) {
            try SourceText(bytes: Array("a\nb\u{0}c\nd".utf8))
        }
    }

    @Test("patches applied in one pass: inserts, deletions at both ends, and spans on the lines between")
    func manyPatches() throws {
        let source = try SourceText(bytes: Array("l0\nl1 x\nl2\nl3 y\nl4".utf8))
        let patched = try source.applying([
            .lines(4..<5, replacement: [Line("end", ending: .none)]),
            .span(line: 3, range: 3..<4, replacement: "Y"),
            .lines(0..<1, replacement: []),
            .lines(2..<2, replacement: [Line("new", ending: .lf)]),
            .span(line: 1, range: 0..<2, replacement: "L1"),
        ])
        #expect(patched.string == "L1 x\nnew\nl2\nl3 Y\nend")
        #expect(patched.lineCount == 5)
        #expect(try source.applying([]) == source)
    }

    @Test("an edit that splits a UTF-8 character is refused")
    func splitCharacter() throws {
        let source = try SourceText(bytes: Array("é\n".utf8))
        #expect(throws: FormatError.self) { try source.applying([.span(line: 0, range: 0..<1, replacement: "x")]) }
    }

    @Test("deleting the last line of a file without a final newline leaves none; with one, or with lines appended, endings are kept",
          arguments: [
            ("a\nb\nc", [Patch.lines(2..<3, replacement: [])], "a\nb"),
            ("a\r\nb\r\nc", [Patch.lines(1..<3, replacement: [])], "a"),
            ("a\nb\nc", [Patch.lines(0..<1, replacement: [Line("x", ending: .lf)]), .lines(1..<3, replacement: [])], "x"),
            ("a\nb\nc\n", [Patch.lines(2..<3, replacement: [])], "a\nb\n"),
            ("a\nb\nc", [Patch.lines(2..<3, replacement: []), .lines(3..<3, replacement: [Line("d", ending: .lf)])], "a\nb\nd\n"),
            ("a\nb\nc", [Patch.lines(1..<2, replacement: [])], "a\nc"),
            ("c", [Patch.lines(0..<1, replacement: [])], ""),
          ])
    func deletedLastLine(_ text: String, _ patches: [Patch], _ expected: String) throws {
        #expect(try SourceText(bytes: Array(text.utf8)).applying(patches).string == expected)
    }
}
