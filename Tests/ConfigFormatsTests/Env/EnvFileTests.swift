import Foundation
import Testing
import TestSupport
@testable import ConfigFormats

@Suite("EnvFile reads sysconfig and /etc/default files")
struct EnvFileTests {
    static let corpusFiles = Corpus.files { $0.hasSuffix(".env") }
    static let fixtureFiles = Corpus.fixtures { $0.hasPrefix("formats/env/") }

    @Test("the corpus and fixture lists are not empty (an empty list would run no case and pass)")
    func listsFound() {
        #expect(Self.fixtureFiles.count >= 3)
                if Corpus.isAvailable { #expect(Self.corpusFiles.count == 27) }
    }

    @Test("CRLF, export, quotes, inline comments and commented-out assignments")
    func crlf() throws {
        let file = try EnvFile(Corpus.source(fixture: "formats/env/crlf-kube-proxy.env"))
        #expect(file.assignments.map(\.key) == ["KUBE_MASTER", "KUBE_PROXY_ARGS", "LOG_LEVEL"])
        let master = try #require(file.assignments(of: "KUBE_MASTER").first)
        #expect(master.isExported && master.quote == .double && master.line == 3)
        #expect(master.value == ValueToken(text: "--master=http://10.40.7.5:8080", line: 3, range: 20..<50))
        let args = try #require(file.assignments(of: "KUBE_PROXY_ARGS").first)
        #expect(args.value.text == "--proxy-mode=iptables" && args.quote == EnvAssignment.Quote.none)
        #expect(file.assignments(of: "LOG_LEVEL").first?.quote == .single)
    }

    @Test("empty values, variable references and escaped values")
    func flannelOptions() throws {
        let file = try EnvFile(Corpus.source(fixture: "formats/env/flannel-options.env"))
        let byKey = Dictionary(uniqueKeysWithValues: file.assignments.map { ($0.key, $0) })
        #expect(byKey["FLANNEL_ETCD"]?.variableReference == "FLANNELD_ETCD_ENDPOINTS")
        #expect(byKey["ETCD_ENDPOINTS"] == nil)
        #expect(byKey["FLANNELD_ETCD_ENDPOINTS"]?.variableReference == nil)
        let note = try #require(byKey["FLANNEL_NOTE"])
        #expect(note.isExported && note.value.text == #"quoted "words" and a $dollar"# && !note.value.isVerbatim)
        #expect(throws: FormatError.self) { try note.replacingValue(with: "x") }
        let empty = try #require(byKey["FLANNEL_EXTRA"])
        let emptyQuoted = try #require(byKey["FLANNEL_OPTIONS"])
        let single = try #require(byKey["FLANNELD_ETCD_PREFIX"])
        let patched = try file.source.applying([
            empty.replacingValue(with: "--etcd-endpoints=http://a:2379"),
            emptyQuoted.replacingValue(with: "--iface=$IP"),
            single.replacingValue(with: "/new/prefix"),
        ])
        let lines = patched.string.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2] == "FLANNELD_ETCD_PREFIX='/new/prefix'")
        #expect(lines[4] == #"FLANNEL_OPTIONS="--iface=\$IP""#)
        #expect(lines[5] == "FLANNEL_EXTRA=--etcd-endpoints=http://a:2379")
        #expect(try empty.replacingValue(with: "a b") == .span(line: 5, range: 14..<14, replacement: "\"a b\""))
        #expect(throws: FormatError.self) { try single.replacingValue(with: "it's") }
    }

    @Test("words of a multi-line double-quoted value are each verbatim on their own line",
          .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"))
    func multiLineCorpus() throws {
        let file = try EnvFile(Corpus.source(corpus: "5-kube-apiserver/jevic-mritd-style__etc-kubernetes-apiserver.env"))
        let args = try #require(file.assignments(of: "KUBE_API_ARGS").first)
        #expect(args.lastLine > args.line && !args.value.isVerbatim)
        #expect(args.words.count == args.lastLine - args.line + 1)
        #expect(args.words.allSatisfy { $0.isVerbatim })
        #expect(Set(args.words.map(\.line)).count == args.words.count)
        let tabbed = try #require(args.words.first { $0.text.hasPrefix("--basic-auth-file=") })
        #expect(file.source.lines[tabbed.line].text.hasPrefix("\t\t--basic-auth-file="))
        #expect(tabbed.range.lowerBound == 2)
        #expect(args.words.last?.text == "--v=2")
    }

    @Test("a multi-line fixture value with TAB and space indentation")
    func multiLineFixture() throws {
        let file = try EnvFile(Corpus.source(fixture: "formats/env/etcd-multiline.env"))
        let opts = try #require(file.assignments(of: "ETCD_OPTS").first)
        #expect(opts.words.map(\.text) == ["--heartbeat-interval=250", "--election-timeout=2500",
                                           "--endpoints=https://10.80.1.11:2379,https://10.80.1.12:2379", "--log-level=info"])
        #expect(opts.words.map(\.line) == [8, 9, 10, 11])
        #expect(file.assignments(of: "ETCDCTL_ENDPOINTS").first?.variableReference == "ETCD_ENDPOINTS")
        #expect(file.assignments.map(\.key).contains("ETCD_WAL_DIR") == false)
    }
}
