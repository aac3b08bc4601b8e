import Testing
import TestSupport
@testable import ConfigFormats

@Suite("YAMLDocument: the tree, scalar tokens and their positions")
struct YAMLDocumentTests {
    private func parse(_ text: String) throws -> YAMLDocument {
        try YAMLDocument(SourceText(bytes: Array(text.utf8)))
    }

    @Test("plain, single and double quoted scalars give tokens inside the quotes")
    func scalarTokens() throws {
        let document = try parse("a: plain value # note\nb: 'it''s'\nc: \"x\\ty\"\nd: \"https://h:1\"\n")
        let root = try #require(document.root)
        #expect(root.scalar(at: ["a"])?.token == ValueToken(text: "plain value", line: 0, range: 3..<14))
        #expect(root.scalar(at: ["b"])?.token == ValueToken(text: "it's", line: 1, range: 4..<9, isVerbatim: false))
        #expect(root.scalar(at: ["c"])?.token.text == "x\ty")
        #expect(root.scalar(at: ["c"])?.token.isVerbatim == false)
        #expect(root.scalar(at: ["d"]).map { ($0.style, $0.token.range) } ?? (.plain, 0..<0) == (.doubleQuoted, 4..<15))
    }

    @Test("sequence items at the parent key's indent and indented by two give the same tree",
          arguments: ["k:\n- a\n- b: 1\n  c: 2\nnext: x\n", "k:\n  - a\n  - b: 1\n    c: 2\nnext: x\n"])
    func sequenceIndentStyles(_ text: String) throws {
        let root = try #require(try parse(text).root)
        let items = try #require(root["k"]).items
        #expect(items.count == 2)
        #expect(items[0].scalar?.text == "a")
        #expect(items[1].entries.map(\.key) == ["b", "c"])
        #expect(root.scalar(at: ["next"])?.text == "x")
    }

    @Test("block scalars and multi-line flow collections end where their indentation and brackets end; flow items are read")
    func blockAndFlowNodes() throws {
        let root = try #require(try parse("cfg: |-\n  {\n    \"server\": \"x\"\n\n  }\nlist: [\n  a,\n  b\n]\nafter: 1\n").root)
        #expect(root["cfg"]?.lines == 0..<5)
        guard case .blockScalar(let block)? = root["cfg"]?.kind else { Issue.record("cfg is not a block scalar"); return }
        #expect(block.text == "{\n  \"server\": \"x\"\n\n}" && !block.token.isVerbatim)
        #expect(root["list"]?.lines == 5..<9)
        #expect(root["list"]?.isFlow == true)
        #expect(root["list"]?.items.map { $0.scalar?.token } == [ValueToken(text: "a", line: 6, range: 2..<3), ValueToken(text: "b", line: 7, range: 2..<3)])
        #expect(root.scalar(at: ["after"])?.token.line == 9)
    }

    @Test("a one-line flow sequence exposes its items with their positions")
    func flowItems() throws {
        let root = try #require(try parse("c: [\"/bin/x\", --v=2, 'y']\n").root)
        let items = try #require(root["c"]).items
        #expect(items.compactMap(\.scalar).map(\.text) == ["/bin/x", "--v=2", "y"])
        #expect(items.compactMap(\.scalar).map(\.token.range) == [5..<11, 14..<19, 22..<23])
    }

    @Test("flow mappings nest, keep quote styles and positions, and a pair in a sequence is a one-pair mapping")
    func flowMappings() throws {
        let root = try #require(try parse("- {name: a, cluster: {server: \"https://h:1\", x: [1, {k: v}]}}\n- [p: q, r]\n").root)
        let cluster = try #require(root.items.first?["cluster"])
        #expect(cluster.scalar(at: ["server"]).map { ($0.style, $0.token) } ?? (.plain, ValueToken(text: "", line: 0, range: 0..<0))
                == (.doubleQuoted, ValueToken(text: "https://h:1", line: 0, range: 31..<42)))
        #expect(cluster["x"]?.items.last?.scalar(at: ["k"])?.text == "v")
        #expect(root.items.last?.items.first?.scalar(at: ["p"])?.text == "q")
    }

    @Test("block scalars: the value as YAML reads it, verbatim only for one line with '-' chomping", arguments: [
        ("k: |-\n  https://a:1\n", "https://a:1", true), ("k: >-\n  https://a:1\n", "https://a:1", true),
        ("k: |\n  https://a:1\n", "https://a:1\n", false), ("k: >\n  a\n  b\n", "a b\n", false),
        ("k: |+\n  a\n\n", "a\n\n", false), ("k: |2-\n    a\n", "  a", true), ("k: |-\n  a\n  b\n", "a\nb", false),
    ] as [(String, String, Bool)])
    func blockScalars(_ text: String, _ value: String, _ verbatim: Bool) throws {
        let scalar = try #require(try parse(text).root?["k"]?.scalar)
        #expect(scalar.text == value && scalar.token.isVerbatim == verbatim && scalar.style == .block)
        if !verbatim { #expect(scalar.token.reason != nil) }
    }

    @Test("an empty value knows where a value goes", arguments: [
        ("k:\n", 2, true, false), ("k: \n", 3, false, false), ("k: # c\n", 3, false, true),
    ])
    func emptyValue(_ text: String, _ offset: Int, _ needsSpace: Bool, _ beforeComment: Bool) throws {
        let root = try #require(try parse(text).root)
        guard case .empty(let empty)? = root["k"]?.kind else { Issue.record("not empty"); return }
        #expect(empty == YAMLEmptyValue(line: 0, offset: offset, needsSpace: needsSpace, beforeComment: beforeComment))
    }

    @Test("documents are split at --- and ..., empty ones left out", .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"),
          arguments: [("8-calico-skydns/domeos__skydns-kube2sky-dns.yaml", 3), ("8-calico-skydns/dotbalo-calico-v3__calico-etcd.yaml", 11),
                      ("1-kubeconfig/kubespray__node-kubeconfig.yaml", 1), ("8-calico-skydns/kubeasz-2017__cni-10-calico.conf.json", 1)])
    func documentCount(_ path: String, _ count: Int) throws {
        let document = try YAMLDocument(Corpus.source(corpus: path))
        #expect(document.documents.count == count)
    }

    @Test("values beside trailing comments and column-0 comments are read", .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"))
    func corpusQuirks() throws {
        let calico = try YAMLDocument(Corpus.source(corpus: "8-calico-skydns/dotbalo-calico-v3__calico-etcd.yaml"))
        let config = try #require(calico.documents.first(where: { $0.scalar(at: ["metadata", "name"])?.text == "calico-config" }))
        #expect(config.scalar(at: ["data", "etcd_ca"])?.text == "/calico-secrets/etcd-ca")
        #expect(config.scalar(at: ["data", "etcd_endpoints"])?.style == .doubleQuoted)
        let kubespray = try YAMLDocument(Corpus.source(corpus: "8-calico-skydns/kubespray__calico-config-etcd.yaml"))
        #expect(kubespray.root?["data"]?.entries.map(\.key).last == "cni_network_config")
        let calicoctl = try YAMLDocument(Corpus.source(corpus: "8-calico-skydns/kubeasz__calicoctl.cfg.yaml"))
        #expect(calicoctl.root?.scalar(at: ["spec", "etcdCACertFile"])?.text == "/etc/kubernetes/ssl/ca.pem")
    }
}
