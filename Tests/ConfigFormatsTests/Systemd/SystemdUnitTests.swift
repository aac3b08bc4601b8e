import Foundation
import Testing
import TestSupport
@testable import ConfigFormats

@Suite("SystemdUnit reads units and drop-ins")
struct SystemdUnitTests {
    static let corpusFiles = Corpus.files { $0.hasSuffix(".service") }
    static let fixtureFiles = Corpus.fixtures { $0.hasPrefix("formats/unit/") }

    @Test("the corpus and fixture lists are not empty (an empty list would run no case and pass)")
    func listsFound() {
        #expect(Self.fixtureFiles.count >= 2)
        if Corpus.isAvailable { #expect(Self.corpusFiles.count == 17) }
    }

    @Test("continuations with TAB, comment lines inside, quoted values and ; comments")
    func continuations() throws {
        let unit = try SystemdUnit(Corpus.source(fixture: "formats/unit/kube-proxy-comments.service"))
        let exec = try #require(unit.entries("ExecStart", in: "Service").first)
        #expect(exec.line == 6 && exec.lastLine == 12)
        #expect(exec.shellWords.map(\.text) == ["/opt/bin/kube-proxy", "--bind-address=10.90.2.21", "--master=https://10.90.0.10:6443",
                                                "--etcd_servers", "https://10.90.1.11:2379,https://10.90.1.12:2379", "--cluster-cidr=10.244.0.0/16"])
        #expect(exec.words.map(\.line) == [6, 7, 9, 11, 11, 12])
        let pre = try #require(unit.entries("ExecStartPre").first)
        #expect(pre.shellWords.map(\.text) == ["-/bin/sh", "-c", #"echo "{\"server\": \"${KUBE_MASTER}\"}" > /run/kp.json"#.replacingOccurrences(of: #"\""#, with: "\"")])
        #expect(unit.commandEntries.map(\.key) == ["ExecStartPre", "ExecStart"])
        #expect(unit.entries.map(\.key).contains("Restart"))
    }

    @Test("Environment= items, quoted or not, and EnvironmentFile= paths of a kubeadm-style drop-in")
    func dropIn() throws {
        let unit = try SystemdUnit(Corpus.source(fixture: "formats/unit/10-kubeadm.conf"))
        let env = unit.environmentAssignments
        #expect(env.map(\.name) == ["KUBELET_KUBECONFIG_ARGS", "KUBELET_CONFIG_ARGS", "KUBELET_EXTRA", "KUBELET_LEGACY"])
        #expect(env[0].words.map(\.text) == ["--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf", "--kubeconfig=/etc/kubernetes/kubelet.conf"])
        #expect(env[0].words.allSatisfy { $0.isVerbatim })
        #expect(env[2].value == ValueToken(text: "--master=https://10.90.0.10:6443", line: 3, range: 86..<118))
        #expect(env[3].value.text == "--api-servers=https://10.90.0.10:6443" && env[3].value.isVerbatim)
        #expect(unit.environmentFiles == [SystemdEnvironmentFile(path: "/var/lib/kubelet/kubeadm-flags.env", isOptional: true, line: 6),
                                          SystemdEnvironmentFile(path: "/etc/sysconfig/kubelet", isOptional: false, line: 7)])
        #expect(unit.entries("ExecStart").map(\.words.count) == [0, 5])
    }

    @Test("corpus quirks: two spaces before the backslash, no indentation, empty --wal-dir=, one long line",
          .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"))
    func corpusQuirks() throws {
        let rpi = try SystemdUnit(Corpus.source(corpus: "6-legacy-sysconfig/rpi-installer__kubelet.service"))
        #expect(rpi.entries("ExecStart").first?.words.map(\.text) == ["/usr/bin/kubelet", "--api-servers=http://mj-master:8080",
                                                                        "--allow-privileged=true", "--config=/etc/kubernetes/manifests", "--v=2"])
        let kubeasz = try SystemdUnit(Corpus.source(corpus: "4-etcd/kubeasz__etcd.service"))
        let wal = try #require(FlagEdit.scanner.scan(kubeasz.commandEntries[0].shellWords).first { $0.name == "wal-dir" })
        #expect(wal.value.text.isEmpty && wal.value.isVerbatim)
        let coreos = try SystemdUnit(Corpus.source(corpus: "6-legacy-sysconfig/coreos-kubernetes__kubelet.service"))
        #expect(coreos.environmentAssignments.first { $0.name == "RKT_RUN_ARGS" }?.words.count == 21)
        let planet = try SystemdUnit(Corpus.source(corpus: "3-flanneld/gravitational-planet__flanneld.service"))
        let etcdctl = try #require(planet.entries("ExecStartPre").first { $0.words.first?.text == "/usr/bin/etcdctl" })
        #expect(etcdctl.words.last?.text.hasPrefix(#"{"Network":"${KUBE_POD_SUBNET}""#) == true)
        #expect(planet.environmentFiles.map(\.path) == ["/etc/container-environment"])
        let contrib = try SystemdUnit(Corpus.source(corpus: "5-kube-apiserver/k8s-contrib__kube-apiserver.service"))
        #expect(contrib.entries("ExecStart").first?.words.dropFirst().allSatisfy { $0.text.hasPrefix("$") } == true)
    }
}
