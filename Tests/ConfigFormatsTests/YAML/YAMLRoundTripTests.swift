import Testing
import TestSupport
@testable import ConfigFormats

@Suite("YAML documents keep every byte of odd shapes (files: RoundTripTests)")
struct YAMLRoundTripTests {
    @Test("CRLF endings, no final newline, markers and comments are kept", arguments: [
        "a: 1\r\nb:\r\n- x\r\n- y",
        "---\n# c\nkey: 'v' # trailing\n...\n---\nother: \"w\"\n",
        "k: |\n  line one\n\n  line two\nnext: [a, b]\n",
        "top:\n  nested:\n    - name: a\n      value: b\n  flow: {a: 1,\n    b: 2}\n",
    ])
    func inlineRoundTrip(_ text: String) throws {
        let document = try YAMLDocument(SourceText(bytes: Array(text.utf8)))
        #expect(document.render() == Array(text.utf8))
    }
}
