import Foundation
import Testing
import TestSupport
@testable import ConfigFormats

@Suite("BlockConfig: statements, one a line, with { … } blocks (Corefile, keepalived.conf)")
struct BlockConfigTests {
    private func parse(_ text: String, _ syntax: BlockConfig.Syntax) throws -> BlockConfig {
        try BlockConfig(SourceText(bytes: Array(text.utf8)), syntax: syntax)
    }

    @Test("words, blocks and the lines they start on; comments are no words")
    func structure() throws {
        let config = try parse("a b # c\nblock x {\n  inner 1\n  nested {\n    deep\n  }\n}\n", .corefile)
        #expect(config.statements.map(\.name) == ["a", "block"])
        #expect(config.statements[0].words.map(\.text) == ["a", "b"])
        let block = try #require(config.statements[1].block)
        #expect(block.map(\.name) == ["inner", "nested"])
        #expect(block[1].block?.first?.line == 4)
        #expect(config.statements[1].closingLine == 6)
        #expect(config.statements(named: "deep").first?.parents.map(\.name) == ["block", "nested"])
    }

    @Test("a '{' starting a line opens the block of the statement before it")
    func braceOnNextLine() throws {
        let config = try parse("vrrp_instance VI_1\n{\n    state MASTER\n}\n", .keepalived)
        #expect(config.statements.count == 1)
        #expect(config.statements[0].arguments.map(\.text) == ["VI_1"])
        #expect(config.statements[0].block?.map(\.name) == ["state"])
    }

    @Test("keepalived splits braces off words ({chk} is a block); a Caddyfile placeholder {$ENV} is one word")
    func braces() throws {
        let keepalived = try parse("track_script {chk_haproxy}\n", .keepalived)
        #expect(keepalived.statements[0].block?.map(\.name) == ["chk_haproxy"])
        let corefile = try parse("forward . {$UPSTREAM} {env.X}\n", .corefile)
        #expect(corefile.statements[0].words.map(\.text) == ["forward", ".", "{$UPSTREAM}", "{env.X}"])
        #expect(corefile.statements[0].block == nil)
    }

    @Test("'!' starts a comment in keepalived.conf only")
    func bangComments() throws {
        #expect(try parse("! comment\nx 1\n", .keepalived).statements.map(\.name) == ["x"])
        #expect(try parse("! not-a-comment\n", .corefile).statements.map(\.name) == ["!"])
    }

    @Test("a quoted word is its text inside the quotes; with an escape it is not verbatim")
    func quotes() throws {
        let config = try parse("script \"/usr/bin/killall -0 haproxy\" \"a\\\"b\"\n", .keepalived)
        let words = config.statements[0].words
        #expect(words[1] == ValueToken(text: "/usr/bin/killall -0 haproxy", line: 0, range: 8..<35))
        #expect(words[2].text == "a\"b" && !words[2].isVerbatim)
    }
}

@Suite("Corefile: the kubernetes plugin's endpoint, rewritten byte for byte")
struct CorefileTests {
    static let newEndpoint = "https://10.99.0.1:6443"

    @Test("endpoints of the fixtures, with their positions", arguments: [
        ("formats/corefile/node-coredns.Corefile", ["https://10.40.0.10:6443"], [5]),
        ("formats/corefile/quoted-crlf-no-final-newline.Corefile", ["http://10.40.0.10:8080"], [6]),
        ("formats/corefile/snippet-import.Corefile", ["{$KUBE_API}"], [2]),
        ("formats/corefile/in-cluster.Corefile", [], []),
    ] as [(String, [String], [Int])])
    func endpoints(_ path: String, _ urls: [String], _ lines: [Int]) throws {
        let corefile = try Corefile(Corpus.source(fixture: path))
        #expect(corefile.endpoints.flatMap { $0.urls.map(\.text) } == urls)
        #expect(corefile.endpoints.map(\.line) == lines)
    }

    @Test("setting the endpoint changes the URL's bytes only (quotes, tabs, CRLF kept); a second pass changes nothing", arguments: [
        ("formats/corefile/node-coredns.Corefile", "        endpoint \(newEndpoint)"),
        ("formats/corefile/quoted-crlf-no-final-newline.Corefile", "\t\tendpoint \"\(newEndpoint)\""),
    ])
    func golden(_ path: String, _ expectedLine: String) throws {
        let source = try Corpus.source(fixture: path)
        let endpoint = try #require(Corefile(source).endpoints.first?.urls.first)
        let edited = try source.applying([endpoint.patch(with: Self.newEndpoint)])
        #expect(edited.bytes == YAMLTestSupport.replacing(source, line: endpoint.line, with: expectedLine))
        let again = try Corefile(edited)
        #expect(again.endpoints.flatMap { $0.urls.map(\.text) } == [Self.newEndpoint])
        #expect(try edited.applying([again.endpoints[0].urls[0].patch(with: Self.newEndpoint)]) == edited)
    }

    @Test("the server block an endpoint belongs to is named")
    func server() throws {
        let corefile = try Corefile(Corpus.source(fixture: "formats/corefile/node-coredns.Corefile"))
        #expect(corefile.endpoints.first?.server == "cluster.local:53 in-addr.arpa:53")
    }

    @Test("an endpoint line with several URLs (CoreDNS before 1.5) exposes each")
    func severalURLs() throws {
        let text = ".:53 {\n  kubernetes {\n    endpoint http://a:8080 http://b:8080\n  }\n}\n"
        let corefile = try Corefile(SourceText(bytes: Array(text.utf8)))
        #expect(corefile.endpoints.map { $0.urls.map(\.text) } == [["http://a:8080", "http://b:8080"]])
    }
}

@Suite("KeepalivedConfig: virtual addresses and unicast peers, read only")
struct KeepalivedConfigTests {
    @Test("two instances: IPv4 and IPv6 addresses, an excluded one, peers with options, '{' on the next line")
    func twoInstances() throws {
        let config = try KeepalivedConfig(Corpus.source(fixture: "formats/keepalived/two-instances.conf"))
        #expect(config.virtualAddresses.map(\.token.text) == ["10.40.1.100/24", "10.40.1.101", "10.40.2.100/32", "fd00:40::100/64"])
        #expect(config.virtualAddresses.map(\.host) == ["10.40.1.100", "10.40.1.101", "10.40.2.100", "fd00:40::100"])
        #expect(config.virtualAddresses.map(\.prefixLength) == [24, nil, 32, 64])
        #expect(config.virtualAddresses.map(\.instance) == ["API_V4", "API_V4", "API_V4", "API_V6"])
        #expect(config.virtualAddresses.map(\.isExcluded) == [false, false, true, false])
        #expect(config.virtualAddresses.map(\.line) == [27, 28, 31, 41])
        #expect(config.unicastPeers.map(\.host) == ["10.40.1.12", "10.40.1.13"])
    }

    @Test("CRLF and no final newline; an LVS-only file holds no virtual address", arguments: [
        ("formats/keepalived/crlf-no-final-newline.conf", ["192.168.56.100"]),
        ("formats/keepalived/lvs-only.conf", []),
        ("addons/openshift-master/etc/keepalived/keepalived.conf", ["10.20.0.10"]),
    ] as [(String, [String])])
    func addresses(_ path: String, _ hosts: [String]) throws {
        #expect(try KeepalivedConfig(Corpus.source(fixture: path)).virtualAddresses.map(\.host) == hosts)
    }

    static let keepalived = ["/usr/sbin/keepalived", "/usr/bin/keepalived"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let validFiles = Corpus.fixtures { $0.hasPrefix("formats/keepalived/") || $0.hasSuffix("/etc/keepalived/keepalived.conf") }
    static let invalidFiles = Corpus.fixtures { $0.hasPrefix("invalid/keepalived/") }

    /// `keepalived -t -f FILE`: keepalived's own configuration check.
    static func keepalivedAccepts(_ path: String) throws -> Bool? {
        guard let keepalived else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("keepalived is missing and CI=true") }
            else { print("skipping: keepalived is not installed") }
            return nil
        }
        let file = Corpus.fixturesRoot.appendingPathComponent(path).path
        return try Subprocess.run([keepalived, "-t", "-f", file], mergeStderr: true).status == 0
    }

    @Test("keepalived -t accepts every keepalived.conf we read, and refuses every one we refuse", arguments: validFiles + invalidFiles)
    func realKeepalived(_ path: String) throws {
        guard let accepted = try Self.keepalivedAccepts(path) else { return }
        let ours = (try? KeepalivedConfig(Corpus.source(fixture: path))) != nil
        #expect(ours == accepted, "\(path): node-reconfig \(ours ? "reads" : "refuses") it, keepalived -t \(accepted ? "accepts" : "refuses") it")
        #expect(ours == (path.hasPrefix("formats/") || path.hasPrefix("addons/")))
    }

    @Test("the file lists are not empty")
    func listsFound() {
        #expect(Self.validFiles.count >= 4)
        #expect(Self.invalidFiles.count >= 4)
    }
}
