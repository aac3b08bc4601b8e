import Foundation
import Testing
import TestSupport
@testable import ConfigFormats

@Suite("SystemdUnit golden edits change only the value bytes")
struct SystemdGoldenEditTests {
    typealias Case = FlagGoldenCase

    static let cases: [Case] = [
        Case(file: "3-flanneld/gravitational-planet__flanneld.service", isCorpus: true, flag: "etcd-endpoints",
             old: "--etcd-endpoints https://127.0.0.1:2379 \\", new: "--etcd-endpoints https://10.1.0.5:2379 \\", value: "https://10.1.0.5:2379"),
        Case(file: "4-etcd/kthw-2021__etcd.service", isCorpus: true, flag: "initial-cluster",
             old: "controller-0=https://10.240.0.10:2380,controller-1=https://10.240.0.11:2380,controller-2=https://10.240.0.12:2380 \\",
             new: "controller-0=https://10.240.0.20:2380 \\", value: "controller-0=https://10.240.0.20:2380"),
        Case(file: "4-etcd/kubeasz__etcd.service", isCorpus: true, flag: "wal-dir",
             old: "--wal-dir= \\", new: "--wal-dir=/var/lib/etcd/wal \\", value: "/var/lib/etcd/wal"),
        Case(file: "5-kube-apiserver/kubeasz__kube-apiserver.service", isCorpus: true, flag: "requestheader-allowed-names",
             old: "\"aggregator,system:aggregator:kube-apiserver\"", new: "\"aggregator\"", value: "aggregator"),
        Case(file: "6-legacy-sysconfig/coreos-kubernetes__kubelet.service", isCorpus: true, flag: "api-servers",
             old: "--api-servers=https://10.0.0.11:443   ", new: "--api-servers=https://10.0.0.99:6443   ", value: "https://10.0.0.99:6443"),
        Case(file: "formats/unit/10-kubeadm.conf", isCorpus: false, flag: "kubeconfig",
             old: "--kubeconfig=/etc/kubernetes/kubelet.conf\"", new: "--kubeconfig=/etc/kubernetes/kubelet-new.conf\"",
             value: "/etc/kubernetes/kubelet-new.conf"),
        Case(file: "formats/unit/10-kubeadm.conf", isCorpus: false, flag: "master",
             old: "--master=https://10.90.0.10:6443", new: "--master=https://10.90.0.77:6443", value: "https://10.90.0.77:6443"),
        Case(file: "formats/unit/kube-proxy-comments.service", isCorpus: false, flag: "master",
             old: "--master=\"https://10.90.0.10:6443\"", new: "--master=\"https://10.90.0.77:6443\"", value: "https://10.90.0.77:6443"),
        Case(file: "formats/unit/kube-proxy-comments.service", isCorpus: false, flag: "etcd-servers",
             old: "--etcd_servers https://10.90.1.11:2379,https://10.90.1.12:2379 \\", new: "--etcd_servers https://10.90.9.1:2379 \\",
             value: "https://10.90.9.1:2379"),
        Case(file: "formats/unit/kubelet-include.service", isCorpus: false, flag: "api-servers",
             old: "--api-servers=http://10.62.0.10:8080; \\", new: "--api-servers=http://10.99.0.1:8080; \\", value: "http://10.99.0.1:8080"),
    ]

    @Test("a flag in a command line or Environment= item is rewritten; a second pass changes nothing (corpus)",
          .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"), arguments: cases.filter(\.isCorpus))
    func corpusFlagEdit(_ c: Case) throws {
        try c.check { bytes, flag, value in try FlagEdit.unit(bytes, flag: flag, to: value) }
    }

    @Test("a flag in a command line or Environment= item is rewritten; a second pass changes nothing (fixtures)", arguments: cases.filter { !$0.isCorpus })
    func fixtureFlagEdit(_ c: Case) throws {
        try c.check { bytes, flag, value in try FlagEdit.unit(bytes, flag: flag, to: value) }
    }

    @Test("a value written with escapes is found but refused for patching")
    func escapedValue() throws {
        let source = try SourceText(bytes: Array("[Service]\nExecStart=/bin/k --master=http\\x3a//10.0.0.1:8080\n".utf8))
        let unit = try SystemdUnit(source)
        let flag = try #require(FlagEdit.scanner.scan(unit.commandEntries[0].shellWords).first)
        #expect(flag.value.text == "http://10.0.0.1:8080")
        let error = try #require(throws: FormatError.self) { try flag.value.patch(with: "http://10.0.0.2:8080") }
        #expect(error.line == 2)
    }
}
