import Foundation
import Testing
import TestSupport
@testable import ConfigFormats

@Suite("JSONDocument: string values with their spans, escapes understood, strict JSON")
struct JSONDocumentTests {
    static let newEndpoints = "https://10.99.0.1:2379,https://10.99.0.2:2379"

    private func parse(_ text: String) throws -> JSONDocument {
        try JSONDocument(SourceText(bytes: Array(text.utf8)))
    }

    /// File, path, and the exact line expected after setting every value at the path.
    static let goldenEdits: [(String, JSONPath, String)] = [
        ("formats/json/10-calico.conf", "etcd_endpoints", "    \"etcd_endpoints\": \"\(newEndpoints)\","),
        ("formats/json/10-calico-crlf.conflist", "plugins[*].etcd_endpoints", "      \"etcd_endpoints\": \"\(newEndpoints)\","),
        ("formats/json/10-calico-crlf.conflist", "..etcd_endpoints", "      \"etcd_endpoints\": \"\(newEndpoints)\","),
    ]

    @Test("setting etcd_endpoints changes only the bytes between the quotes; a second pass changes nothing", arguments: goldenEdits)
    func golden(_ path: String, _ jsonPath: JSONPath, _ expectedLine: String) throws {
        let source = try Corpus.source(fixture: path)
        let document = try JSONDocument(source)
        let strings = document.strings(at: jsonPath)
        try #require(strings.count == 1)
        let edited = try source.applying([strings[0].patch(with: Self.newEndpoints)])
        #expect(edited.bytes == YAMLTestSupport.replacing(source, line: strings[0].token.line, with: expectedLine))
        let again = try JSONDocument(edited)
        #expect(again.strings(at: jsonPath).map(\.text) == [Self.newEndpoints])
        let patches = try again.strings(at: jsonPath).filter { $0.text != Self.newEndpoints }.map { try $0.patch(with: Self.newEndpoints) }
        #expect(patches.isEmpty)
    }

    @Test("a value written with escapes is exposed decoded and not verbatim; patching it is refused with its line")
    func escapedValue() throws {
        let document = try JSONDocument(Corpus.source(fixture: "formats/json/20-flannel-escapes.conflist"))
        let endpoints = document.strings(at: "..etcd_endpoints")
        #expect(endpoints.map(\.text) == ["http://10.60.0.31:2379", "https://10.60.0.32:2379"])
        #expect(endpoints.map(\.token.isVerbatim) == [false, true])
        let error = try #require(throws: FormatError.self) { try endpoints[0].patch(with: "http://10.99.0.1:2379") }
        #expect(error.line == 1)
        let note = try #require(document.strings(at: "plugins[*].note").first)
        #expect(note.text == "café \"quoted\" 😀 tab\there" && !note.token.isVerbatim)
        #expect(document.strings(at: "plugins[*].empty").first?.token.isVerbatim == true)
        #expect(document.nodes(at: "plugins[*].nums").first?.items.count == 4)
    }

    @Test("tokens sit exactly between the quotes, on the right line")
    func positions() throws {
        let text = "{\n  \"a\": \"x\",\n  \"list\": [\"one\", {\"k\": \"two\"}]\n}\n"
        let document = try parse(text)
        #expect(document.strings(at: "a").first?.token == ValueToken(text: "x", line: 1, range: 8..<9))
        #expect(document.strings(at: "list[*]").map(\.token) == [ValueToken(text: "one", line: 2, range: 12..<15)])
        #expect(document.strings(at: "list[*].k").map(\.token) == [ValueToken(text: "two", line: 2, range: 25..<28)])
        #expect(document.root.lines == 0..<4)
        #expect(document.root["list"]?.lines == 2..<3)
    }

    @Test("a new value is JSON-escaped: quotes, backslashes and control characters")
    func escaping() throws {
        let document = try parse("{\"a\": \"x\"}")
        let patched = try document.source.applying([document.strings(at: "a")[0].patch(with: "q\"b\\c\nd\u{01}")])
        #expect(patched.string == #"{"a": "q\"b\\c\nd\u0001"}"#)
        #expect(try JSONDocument(patched).strings(at: "a").first?.text == "q\"b\\c\nd\u{01}")
    }

    @Test("paths: a key, every item, and a key at any depth", arguments: [
        ("plugins[*].etcd_endpoints", ["x", "y"]), ("..etcd_endpoints", ["top", "x", "y", "deep"]),
        ("etcd_endpoints", ["top"]), ("plugins[*].ipam..etcd_endpoints", ["deep"]), ("missing.key", []),
    ] as [(String, [String])])
    func paths(_ path: String, _ expected: [String]) throws {
        let document = try parse(#"{"etcd_endpoints": "top", "plugins": [{"etcd_endpoints": "x"}, {"etcd_endpoints": "y", "ipam": {"a": [{"etcd_endpoints": "deep"}]}}, 3]}"#)
        #expect(document.strings(at: JSONPath(path)).map(\.text) == expected)
        #expect(JSONPath(path).description == path)
    }

    @Test("lines of secret members cover the whole value")
    func secretLines() throws {
        let document = try parse("{\n \"token\": \"abc\",\n \"x\": {\"password\": [\n\"a\",\n\"b\"]}\n}\n")
        #expect(document.lines(ofMembersNamed: ["token", "password"]).sorted() == [1, 2, 3, 4])
    }

    @Test("looksLike is true for a file opening with { or [ after blanks only", arguments: [
        ("  \n{\"a\": 1}", true), ("[1]", true), ("apiVersion: v1\n", false), ("# {\n", false), ("", false),
    ])
    func looksLike(_ text: String, _ expected: Bool) throws {
        #expect(JSONDocument.looksLike(try SourceText(bytes: Array(text.utf8))) == expected)
    }

    @Test("nesting deeper than the limit is refused, not a stack overflow")
    func deepNesting() throws {
        let text = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        let error = try #require(throws: FormatError.self) { try parse(text) }
        #expect(error.message.contains("nested"))
        #expect(try parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)).root.items.count == 1)
    }
}

@Suite("JSONDocument accepts exactly what Python's strict json reader accepts")
struct JSONPythonOracleTests {
    static let fixtureFiles = Corpus.fixtures { $0.hasPrefix("formats/json/") || $0.hasPrefix("invalid/json/") }
    static let corpusFiles = Corpus.files { $0.hasSuffix(".json") || $0.hasPrefix("8-calico-skydns/") }

    /// `python3` reading each of `texts` the way JSON readers do: strict (no control characters
    /// in strings), no NaN/Infinity, duplicate keys refused (Python itself keeps the last one;
    /// node-reconfig refuses them, and so does this check), no BOM. One run for all of them.
    static func pythonAccepts(_ texts: [[UInt8]]) throws -> [Bool] {
        let script = """
            import json, sys
            def pairs(p):
                keys = [k for k, _ in p]
                if len(keys) != len(set(keys)): raise ValueError("duplicate key")
                return dict(p)
            def constant(c): raise ValueError("not JSON: " + c)
            for line in sys.stdin.buffer.read().split(b"\\n"):
                if not line: continue
                try:
                    json.loads(bytes.fromhex(line[1:].decode()).decode("utf-8"), object_pairs_hook=pairs, parse_constant=constant)
                    print(1)
                except Exception:
                    print(0)
            """
        let input = texts.map { "x" + $0.map { String(format: "%02x", $0) }.joined() + "\n" }.joined()
        let result = try Subprocess.run(["python3", "-c", script], stdin: Data(input.utf8))
        try #require(result.status == 0, "\(result)")
        let answers = result.output.split(separator: "\n").map { $0 == "1" }
        try #require(answers.count == texts.count)
        return answers
    }

    static func pythonAccepts(_ bytes: [UInt8]) throws -> Bool {
        try pythonAccepts([bytes])[0]
    }

    static let python3Available: Bool = (try? Subprocess.run(["python3", "-c", "pass"]).status) == 0

    @Test("every JSON fixture, valid and invalid: we accept it exactly when python3 does", arguments: fixtureFiles)
    func fixtures(_ path: String) throws {
        try Self.agree(Corpus.bytes(fixture: path), path)
    }

    @Test("every JSON file of the corpus and every file of 8-calico-skydns: we accept it exactly when python3 does",
          .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"), arguments: corpusFiles)
    func corpus(_ path: String) throws {
        try Self.agree(Corpus.bytes(corpus: path), path)
    }

    @Test("the file lists are not empty")
    func listsFound() {
        #expect(Self.fixtureFiles.count >= 14)
        if Corpus.isAvailable { #expect(Self.corpusFiles.contains("8-calico-skydns/kubeasz-2017__cni-10-calico.conf.json")) }
    }

    static func agree(_ bytes: [UInt8], _ path: String) throws {
        guard python3Available else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("python3 is missing and CI=true") }
            else { print("skipping: python3 is not installed") }
            return
        }
        let ours: Bool
        do {
            let document = try JSONDocument(SourceText(bytes: bytes))
            #expect(document.render() == bytes)
            ours = true
        } catch {
            ours = false
        }
        #expect(ours == (try pythonAccepts(bytes)), "\(path): node-reconfig \(ours ? "accepts" : "refuses") it, python3 does not agree")
    }
}
