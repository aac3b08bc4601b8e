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
}
