import Testing
import TestSupport
@testable import ConfigFormats

/// nginx pool servers are read from the compact form when asked for, in two ways: the whole
/// `PoolServer`, and the summary the pool rewrite reads. Both must say the same.
@Suite("nginx pool servers read on demand agree with each other and with the file")
struct NginxPoolServerTests {
    static let files = Corpus.files { $0.hasSuffix(".conf") && $0.contains("nginx") }.map { "corpus:" + $0 }
        + Corpus.fixtures { ($0.hasPrefix("formats/nginx/") || $0.contains("/nginx/")) && $0.hasSuffix(".conf") && !$0.hasPrefix("invalid/") && !$0.hasPrefix("hostile/") }
            // A main configuration whose pool lives in the file it includes (that file is in the list).
            .filter { $0 != "discovery/salt-stream-d/etc/nginx/nginx.conf" }

    static let tricky = """
        stream {
          upstream kube {
            server "10.0.0.1:6443" 'down'; # quoted address and marker
            server 10.0.0.\\2:6443 backup;
            server
              [FD00::3]:6443
              down;
            server Master.Example:6443 max_fails=3;
            server 10.0.0.5:6443; least_conn;
          }
        }

        """

    private static func source(_ file: String) throws -> SourceText {
        file.hasPrefix("corpus:") ? try Corpus.source(corpus: String(file.dropFirst(7))) : try Corpus.source(fixture: file)
    }

    private static func expectAgreement(_ config: NginxConfig) {
        for pool in config.pools {
            for position in pool.servers.indices {
                let server = pool.servers[position]
                let summary = pool.servers.summary(at: position)
                #expect(summary.line == server.line)
                #expect(summary.address == server.address)
                #expect(summary.isDown == server.isDown)
                #expect(summary.ownsLine == server.ownsLine)
                #expect(server.address.poolIdentity == Address(parsing: Substring(server.addressToken.text)).poolIdentity)
            }
        }
    }

    @Test("summary and server agree on every nginx file we have", arguments: files)
    func agreeOnFiles(_ file: String) throws {
        let config = try NginxConfig(Self.source(file))
        #expect(!config.pools.isEmpty)
        Self.expectAgreement(config)
    }

    @Test("the file list is not empty (an empty list would run no case and pass)")
    func listFound() {
        #expect(Self.files.count >= (Corpus.isAvailable ? 10 : 5))
    }

    @Test("quoted and escaped addresses, quoted markers, a server over three lines, a line shared with another directive")
    func tricky() throws {
        let config = try NginxConfig(SourceText(bytes: Array(Self.tricky.utf8)))
        Self.expectAgreement(config)
        let servers = Array(try #require(config.pools.first).servers)
        #expect(servers.map(\.address.hostPort) == ["10.0.0.1:6443", "10.0.0.\\2:6443", "[FD00::3]:6443", "Master.Example:6443", "10.0.0.5:6443"])
        #expect(servers.map(\.isDown) == [true, false, true, false, false])
        #expect(servers.map(\.isBackup) == [false, true, false, false, false])
        #expect(servers.map(\.ownsLine) == [true, true, false, true, false])
        #expect(servers.map(\.addressToken.isVerbatim) == [true, false, true, true, true])
        #expect(servers[0].markerSpans == [27..<33])
        #expect(servers[2].insertionLine == 6 && servers[2].insertionOffset == 10)
        #expect(servers[2].address.poolIdentity == Address(parsing: "[fd00::3]:6443").poolIdentity)
        #expect(servers[3].address.poolKey == "master.example|6443")
    }

    @Test("a rewrite to more than a handful of servers (looked up by hash) keeps existing lines and copies the first")
    func manyWanted() throws {
        let lines = (1...3).map { "    server 10.0.0.\($0):6443 max_fails=2;\n" }.joined()
        let config = try NginxConfig(SourceText(bytes: Array("upstream kube {\n\(lines)}\n".utf8)))
        let wanted = (1...10).reversed().map { "10.0.0.\($0):6443" }
        let patched = try config.source.applying(config.patches(settingApiserverPoolsTo: wanted))
        let expected = wanted.map { "    server \($0) max_fails=2;\n" }.joined()
        #expect(patched.string == "upstream kube {\n\(expected)}\n")
        let again = try NginxConfig(patched)
        #expect(try again.patches(settingApiserverPoolsTo: wanted).isEmpty)
    }
}
