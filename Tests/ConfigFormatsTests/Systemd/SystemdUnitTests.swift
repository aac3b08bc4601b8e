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

    @Test(".include is a reference with its line; settings before the first section are ignored, with their lines")
    func includeAndIgnored() throws {
        let unit = try SystemdUnit(Corpus.source(fixture: "formats/unit/kubelet-include.service"))
        #expect(unit.includes == [SystemdInclude(path: "/usr/lib/systemd/system/kubelet-common.service", line: 1)])
        #expect(unit.ignoredSettings.isEmpty)
        #expect(unit.entries.first?.key == "Description")
        let dropIn = try SystemdUnit(Corpus.source(fixture: "formats/unit/20-settings-before-section.conf"))
        #expect(dropIn.ignoredSettings == [SystemdIgnoredSetting(key: "Environment", line: 1, lastLine: 1)])
        #expect(dropIn.environmentAssignments.map(\.name) == ["KUBELET_KUBECONFIG_ARGS"])
        let continued = try SystemdUnit(SourceText(bytes: Array("A=1 \\\n  2\n[Service]\nExecStart=/bin/x\n".utf8)))
        #expect(continued.ignoredSettings == [SystemdIgnoredSetting(key: "A", line: 0, lastLine: 1)])
        #expect(throws: FormatError(line: 1, ".include without a file name; remove it or name the file")) {
            try SystemdUnit(SourceText(bytes: Array(".include   \n".utf8)))
        }
    }

    @Test("a ';' ending a word is passed with it and kept out of the flag value; a lone ';' separates commands")
    func semicolons() throws {
        let unit = try SystemdUnit(Corpus.source(fixture: "formats/unit/kubelet-include.service"))
        let exec = try #require(unit.entries("ExecStart").first)
        #expect(exec.shellWords[1].text == "--api-servers=http://10.62.0.10:8080;")
        let flag = try #require(FlagEdit.scanner.scan(exec.shellWords).first { $0.name == "api-servers" })
        #expect(flag.value.text == "http://10.62.0.10:8080" && flag.value.isVerbatim)
        let pre = try #require(unit.entries("ExecStartPre").first)
        #expect(pre.words.map(\.text) == ["/usr/bin/mkdir", "-p", "/var/lib/kubelet", ";", "/usr/bin/echo", "starting"])
        let (source, lone) = try FlagScannerTests.occurrences("/bin/k --master ; /bin/other")
        #expect(source.lineCount == 1 && lone.isEmpty)
    }
}

/// `systemd-analyze verify` is the oracle where it runs: it says the same of each unit before
/// and after an edit, and the settings it ignores outside any section are the ones we ignore.
@Suite("Units are read as systemd-analyze verify reads them")
struct SystemdAnalyzeTests {
    static let fixtures = Corpus.fixtures { $0.hasPrefix("formats/unit/") }
    static let program = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func verify(_ bytes: [UInt8], at file: URL) throws -> String {
        try Data(bytes).write(to: file)
        let result = try Subprocess.run([try #require(program), "verify", file.path], mergeStderr: true, timeout: 60)
        return result.output
    }

    @Test("systemd-analyze says the same before and after each flag edit, and ignores exactly our ignored settings", arguments: fixtures)
    func sameVerdict(_ path: String) throws {
        guard Self.program != nil else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("systemd-analyze is missing and CI=true") }
            else { print("skipping: systemd-analyze is not installed") }
            return
        }
        let bytes = try Corpus.bytes(fixture: path)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("unit-under-test.service")
        let before = try Self.verify(bytes, at: file)
        let unit = try SystemdUnit(SourceText(bytes: bytes))
        let ignored = before.split(separator: "\n").filter { $0.contains("Assignment outside of section") }
            .compactMap { Int($0.split(separator: ":").dropFirst().first ?? "") }
        // systemd 242 and later no longer read `.include` (older ones do, which is why it is a
        // reference): one before the first section is reported like an ignored setting.
        let firstSection = unit.entries.map(\.line).min() ?? Int.max
        let includesOutside = unit.includes.filter { $0.line < firstSection }.map(\.line)
        #expect(ignored == (unit.ignoredSettings.map(\.line) + includesOutside).sorted().map { $0 + 1 }, "\(before)")
        var edited = bytes
        for flag in ["master", "api-servers", "etcd-servers", "kubeconfig"] {
            edited = Array(try FlagEdit.unit(edited, flag: flag, to: "http://10.99.0.1:8080").0.utf8)
        }
        #expect(edited != bytes)
        #expect(try Self.verify(edited, at: file) == before)
    }
}
