import Testing
@testable import ConfigFormats

@Suite("FlagScanner finds flags in every form")
struct FlagScannerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var line: String
        var name: String
        var spelling: String
        var form: FlagOccurrence.Form
        var value: String
        /// The line after replacing the value with NEW.
        var patched: String
        var testDescription: String { line }
    }

    static let scanner = FlagScanner(valueFlags: ["etcd-endpoints", "initial-cluster", "v", "master"])

    static func occurrences(_ line: String, dialect: ShellWords.Dialect = .systemd) throws -> (SourceText, [FlagOccurrence]) {
        let source = try SourceText(bytes: Array(line.utf8))
        let words = try ShellWords.split(line: 0, of: source, dialect: dialect)
        return (source, scanner.scan(words))
    }

    static let cases: [Case] = [
        Case(line: "/bin/k --master=http://a:8080 --v=2", name: "master", spelling: "--master", form: .doubleDashEquals,
             value: "http://a:8080", patched: "/bin/k --master=NEW --v=2"),
        Case(line: "flanneld --etcd-endpoints https://127.0.0.1:2379 \t--x", name: "etcd-endpoints", spelling: "--etcd-endpoints",
             form: .doubleDashSeparate, value: "https://127.0.0.1:2379", patched: "flanneld --etcd-endpoints NEW \t--x"),
        Case(line: "flanneld -etcd-endpoints=https://a:2379,https://b:2379", name: "etcd-endpoints", spelling: "-etcd-endpoints",
             form: .singleDashEquals, value: "https://a:2379,https://b:2379", patched: "flanneld -etcd-endpoints=NEW"),
        Case(line: "etcd -initial-cluster a=http://a:2380", name: "initial-cluster", spelling: "-initial-cluster",
             form: .singleDashSeparate, value: "a=http://a:2380", patched: "etcd -initial-cluster NEW"),
        Case(line: "kube-proxy --master=\"http://x:8080\" --v=1", name: "master", spelling: "--master", form: .doubleDashEquals,
             value: "http://x:8080", patched: "kube-proxy --master=\"NEW\" --v=1"),
        Case(line: "k '--master=http://x:8080'", name: "master", spelling: "--master", form: .doubleDashEquals,
             value: "http://x:8080", patched: "k '--master=NEW'"),
        Case(line: "kubelet --api_servers=https://10.0.0.11:443", name: "api-servers", spelling: "--api_servers",
             form: .doubleDashEquals, value: "https://10.0.0.11:443", patched: "kubelet --api_servers=NEW"),
        Case(line: "k --master 'http://y:1'", name: "master", spelling: "--master", form: .doubleDashSeparate,
             value: "http://y:1", patched: "k --master 'NEW'"),
        Case(line: "etcd --wal-dir= ", name: "wal-dir", spelling: "--wal-dir", form: .doubleDashEquals,
             value: "", patched: "etcd --wal-dir=NEW "),
        Case(line: "k --master=\"\"", name: "master", spelling: "--master", form: .doubleDashEquals,
             value: "", patched: "k --master=\"NEW\""),
    ]

    @Test("each form yields the normalised name, spelling, form and a value patchable in place", arguments: cases)
    func forms(_ c: Case) throws {
        let (source, found) = try Self.occurrences(c.line)
        let flag = try #require(found.first { $0.name == c.name })
        #expect(flag.spelling == c.spelling)
        #expect(flag.form == c.form)
        #expect(flag.value.text == c.value)
        #expect(flag.value.isVerbatim)
        let patched = try source.applying([flag.value.patch(with: "NEW")])
        #expect(patched.string == c.patched)
    }

    @Test("--f v is not taken when the next word is a flag, nor for flags not known to take a value")
    func separateFormGuards() throws {
        let (_, found) = try Self.occurrences("etcd --initial-cluster --name x --etcd-servers http://a:1 --master")
        #expect(found.isEmpty)
    }

    @Test("the same flag twice is found twice, in order")
    func twice() throws {
        let (_, found) = try Self.occurrences("k --master=http://a:1 --other=1 --master http://b:2")
        #expect(found.filter { $0.name == "master" }.map(\.value.text) == ["http://a:1", "http://b:2"])
        #expect(found.map(\.wordIndex) == [1, 2, 3])
    }

    @Test("program paths, systemd prefixes, bare dashes and values with escapes are handled")
    func oddWords() throws {
        let (_, found) = try Self.occurrences(#"-/usr/bin/x - -- --master=http\x3a//a:1"#)
        let flag = try #require(found.first)
        #expect(found.count == 1)
        #expect(flag.value.text == "http://a:1")
        #expect(!flag.value.isVerbatim)
    }

    @Test("plain tokens (YAML items) are scanned too")
    func plainTokens() {
        let tokens = [ValueToken(text: "--etcd-servers=https://a:2379", line: 4, range: 6..<35),
                      ValueToken(text: "--master", line: 5, range: 6..<14), ValueToken(text: "http://m:8080", line: 6, range: 6..<19)]
        let found = Self.scanner.scan(tokens)
        #expect(found.map(\.name) == ["etcd-servers", "master"])
        #expect(found[0].value == ValueToken(text: "https://a:2379", line: 4, range: 21..<35))
        #expect(found[1].value == ValueToken(text: "http://m:8080", line: 6, range: 6..<19))
    }
}
