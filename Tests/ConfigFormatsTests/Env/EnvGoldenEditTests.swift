import Foundation
import Testing
import TestSupport
@testable import ConfigFormats

@Suite("EnvFile golden edits change only the value bytes")
struct EnvGoldenEditTests {
    typealias Case = FlagGoldenCase

    static let cases: [Case] = [
        Case(file: "5-kube-apiserver/domeos__etc-sysconfig-kube-apiserver.env", isCorpus: true, flag: "etcd-servers",
             old: "http://10.11.151.97:4012,http://10.11.151.100:4012,http://10.11.151.101:4012", new: "http://10.17.33.21:4012,http://10.17.33.22:4012"),
        Case(file: "6-legacy-sysconfig/kubespray-2016__kubelet.env", isCorpus: true, flag: "api-servers",
             old: "https://10.0.0.11:443", new: "https://10.0.0.50:6443"),
        Case(file: "5-kube-apiserver/jevic-mritd-style__etc-kubernetes-apiserver.env", isCorpus: true, flag: "etcd-servers",
             old: "https://192.168.13.100:2379,https://192.168.13.101:2379,https://192.168.13.102:2379", new: "https://192.168.13.200:2379"),
        Case(file: "formats/env/crlf-kube-proxy.env", isCorpus: false, flag: "master", old: "http://10.40.7.5:8080", new: "http://10.40.7.9:8080"),
        Case(file: "formats/env/etcd-multiline.env", isCorpus: false, flag: "endpoints",
             old: "https://10.80.1.11:2379,https://10.80.1.12:2379 ", new: "https://10.80.9.1:2379 "),
        Case(file: "formats/env/domeos-sourced.env", isCorpus: false, flag: "etcd-servers",
             old: "\"--etcd-servers=http://10.61.1.11:2379,http://10.61.1.12:2379\n", new: "\"--etcd-servers=http://10.99.1.1:2379\n",
             value: "http://10.99.1.1:2379"),
    ]

    @Test("a flag inside a value is rewritten; a second pass changes nothing (corpus)",
          .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"), arguments: cases.filter(\.isCorpus))
    func corpusFlagEdit(_ c: Case) throws {
        try c.check { bytes, flag, value in try FlagEdit.env(bytes, flag: flag, to: value) }
    }

    @Test("a flag inside a value is rewritten; a second pass changes nothing (fixtures)", arguments: cases.filter { !$0.isCorpus })
    func fixtureFlagEdit(_ c: Case) throws {
        try c.check { bytes, flag, value in try FlagEdit.env(bytes, flag: flag, to: value) }
    }

    @Test("a whole quoted value is replaced keeping its quotes; a second pass changes nothing",
          .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"))
    func wholeValue() throws {
        let path = "3-flanneld/k8s-handbook__etc-sysconfig-flanneld.env"
        let original = try String(decoding: Corpus.bytes(corpus: path), as: UTF8.self)
        let new = "https://10.20.0.1:2379,https://10.20.0.2:2379"
        let expected = try #require(FlagEdit.replacing("\"https://172.20.0.113:2379,https://172.20.0.114:2379,https://172.20.0.115:2379\"",
                                                       with: "\"\(new)\"", in: original))
        func edit(_ text: String) throws -> String {
            let file = try EnvFile(SourceText(bytes: Array(text.utf8)))
            let patches = try file.assignments(of: "FLANNEL_ETCD_ENDPOINTS").filter { $0.value.text != new }.map { try $0.replacingValue(with: new) }
            return try file.source.applying(patches).string
        }
        let once = try edit(original)
        #expect(once == expected)
        #expect(try edit(once) == once)
    }

    @Test("bash reads the rewritten fixture and sees the new values")
    func bashSeesNewValues() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/bin/bash"), "bash is not installed")
        let bytes = try Corpus.bytes(fixture: "formats/env/etcd-multiline.env")
        let (flagged, _) = try FlagEdit.env(bytes, flag: "endpoints", to: "https://10.80.9.1:2379")
        let file = try EnvFile(SourceText(bytes: Array(flagged.utf8)))
        let cluster = try #require(file.assignments(of: "ETCD_INITIAL_CLUSTER").first)
        let text = try file.source.applying([cluster.replacingValue(with: "infra-z=https://10.80.9.9:2380")]).string
        let output = try BashOracle.values(of: ["ETCD_INITIAL_CLUSTER", "ETCD_OPTS"], in: text)
        #expect(output == ["infra-z=https://10.80.9.9:2380",
                           "--heartbeat-interval=250 \t--election-timeout=2500         --endpoints=https://10.80.9.1:2379 \t--log-level=info"])
    }
}
