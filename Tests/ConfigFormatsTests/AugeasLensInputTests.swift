import Foundation
import Testing
import TestSupport
@testable import ConfigFormats

/// Augeas's own lens test inputs (Debian's `augeas-lenses`: `/usr/share/augeas/lenses/dist/
/// tests/test_*.aug`), read at test time: every string of test_nginx, test_shellvars,
/// test_sysconfig, test_systemd, test_yaml and test_json is fed to the matching parser, alone
/// and with a value we would rewrite added at each line where a statement may start. No crash;
/// a refusal names a line of the input; and a probe that parses is found where it was put,
/// never passed over. JSON inputs are also checked against python3's strict reader.
@Suite("Augeas lens test inputs: no crash, no silent pass-over, every refusal with a line")
struct AugeasLensInputTests {
    static let directory = "/usr/share/augeas/lenses/dist/tests"
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static let probeURL = "http://10.250.0.1:2379"

    /// The string literals of an `.aug` file, unescaped; comments `(* … *)` (nested) skipped.
    static func strings(in file: String) throws -> [String] {
        let text = Array(try String(contentsOfFile: "\(directory)/\(file)", encoding: .utf8).utf8)
        var out: [String] = []
        var i = 0
        var depth = 0
        while i < text.count {
            if i + 1 < text.count, text[i] == UInt8(ascii: "("), text[i + 1] == UInt8(ascii: "*") { depth += 1; i += 2; continue }
            if depth > 0, i + 1 < text.count, text[i] == UInt8(ascii: "*"), text[i + 1] == UInt8(ascii: ")") { depth -= 1; i += 2; continue }
            if depth == 0, text[i] == UInt8(ascii: "\"") {
                var value: [UInt8] = []
                i += 1
                while i < text.count, text[i] != UInt8(ascii: "\"") {
                    if text[i] == UInt8(ascii: "\\"), i + 1 < text.count {
                        let next = text[i + 1]
                        switch next {
                        case UInt8(ascii: "n"): value.append(0x0A)
                        case UInt8(ascii: "t"): value.append(0x09)
                        case UInt8(ascii: "\""), UInt8(ascii: "\\"): value.append(next)
                        default: value += [UInt8(ascii: "\\"), next]
                        }
                        i += 2
                    } else {
                        value.append(text[i])
                        i += 1
                    }
                }
                out.append(String(decoding: value, as: UTF8.self))
            }
            i += 1
        }
        return out
    }

    /// The inputs of `files`, or nil (with a skip message, or an issue under CI) when the
    /// package is not installed.
    static func inputs(_ files: [String]) throws -> [String]? {
        guard FileManager.default.fileExists(atPath: directory) else {
            if isCI { Issue.record("augeas-lenses is not installed (\(directory)) and CI=true") }
            else { print("skipping: augeas-lenses is not installed (\(directory)); apt-get install augeas-lenses") }
            return nil
        }
        let found = try files.filter { FileManager.default.fileExists(atPath: "\(directory)/\($0)") }.flatMap(strings(in:))
        #expect(found.count > 20, "\(files): too few strings found")
        return found
    }

    /// `text` with `probe` inserted before 0-based line `line`.
    static func inserting(_ probe: String, at line: Int, in text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert(probe, at: min(line, lines.count))
        return lines.joined(separator: "\n")
    }

    /// Parses `text`; a refusal must name a line of it. Returns the value, or nil when refused.
    static func parse<T>(_ text: String, _ parser: (SourceText) throws(FormatError) -> T) -> T? {
        guard let source = try? SourceText(bytes: Array(text.utf8)) else { return nil }
        do {
            return try parser(source)
        } catch {
            #expect(error.line >= 1 && error.line <= max(source.lineCount, 1) + 1 && !error.message.isEmpty, "\(error) in:\n\(text)")
            return nil
        }
    }

    @Test("test_shellvars and test_sysconfig: an env file reads every probe assignment where it was put")
    func shellvars() throws {
        guard let inputs = try Self.inputs(["test_shellvars.aug", "test_sysconfig.aug"]) else { return }
        var probes = 0
        defer { #expect(probes > 200, "only \(probes) probes were read back") }
        for text in inputs {
            guard let file = Self.parse(text, { (s) throws(FormatError) in try EnvFile(s) }) else { continue }
            for line in 0...file.source.lineCount where !file.assignments.contains(where: { $0.line < line && line <= $0.lastLine }) {
                let probed = Self.inserting("NR_PROBE_ETCD=\(Self.probeURL)", at: line, in: text)
                guard let again = Self.parse(probed, { (s) throws(FormatError) in try EnvFile(s) }) else { continue }
                let probe = again.assignments.first { $0.key == "NR_PROBE_ETCD" }
                probes += 1
                #expect(probe?.line == line && probe?.value.text == Self.probeURL, "passed over at line \(line + 1):\n\(probed)")
            }
        }
    }

    @Test("test_systemd: a probe ExecStart is read with its flag wherever a setting may start")
    func systemd() throws {
        guard let inputs = try Self.inputs(["test_systemd.aug"]) else { return }
        let scanner = FlagScanner(valueFlags: ["api-servers"])
        var probes = 0
        defer { #expect(probes > 50, "only \(probes) probes were read back") }
        for text in inputs {
            guard let unit = Self.parse(text, { (s) throws(FormatError) in try SystemdUnit(s) }) else { continue }
            for line in 0...unit.source.lineCount where !unit.entries.contains(where: { $0.line < line && line <= $0.lastLine })
                && !unit.ignoredSettings.contains(where: { $0.line < line && line <= $0.lastLine }) {
                let probed = Self.inserting("[Service]\nExecStart=/usr/bin/kubelet --api-servers=\(Self.probeURL)", at: line, in: text)
                guard let again = Self.parse(probed, { (s) throws(FormatError) in try SystemdUnit(s) }) else { continue }
                let entry = again.entries.first { $0.line == line + 1 && $0.key == "ExecStart" }
                probes += 1
                #expect(entry.map { scanner.scan($0.shellWords).first?.value.text } == Self.probeURL, "passed over at line \(line + 1):\n\(probed)")
            }
        }
    }

    @Test("test_nginx: a probe upstream is found and rewritable wherever a directive may start")
    func nginx() throws {
        guard let inputs = try Self.inputs(["test_nginx.aug"]) else { return }
        var probes = 0
        defer { #expect(probes > 100, "only \(probes) probes were read back") }
        for text in inputs {
            guard let config = Self.parse(text, { (s) throws(FormatError) in try NginxConfig(s) }) else { continue }
            let heads = config.allDirectives.map { $0.line..<$0.terminator.endLine } + config.tokens.map { $0.value.line..<$0.endLine }
            for line in 0...config.source.lineCount where !heads.contains(where: { $0.lowerBound < line && line <= $0.upperBound }) {
                let probed = Self.inserting("upstream nr_probe_kube { server 10.250.0.1:6443; }", at: line, in: text)
                guard let again = Self.parse(probed, { (s) throws(FormatError) in try NginxConfig(s) }) else { continue }
                guard let pool = again.pools.first(where: { $0.name == "nr_probe_kube" }) else {
                    Issue.record("passed over at line \(line + 1):\n\(probed)")
                    continue
                }
                probes += 1
                #expect(pool.servers.map(\.address.hostPort) == ["10.250.0.1:6443"])
                let edited = try again.source.applying(again.patches(settingPool: pool, to: ["10.250.0.2:6443", "10.250.0.3:6443"]))
                #expect(try NginxConfig(edited).pools.first { $0.name == "nr_probe_kube" }?.servers.map(\.address.hostPort) == ["10.250.0.2:6443", "10.250.0.3:6443"])
            }
        }
    }

    @Test("test_yaml: a kubeconfig document after each input is read, or the file is refused with a line")
    func yaml() throws {
        guard let inputs = try Self.inputs(["test_yaml.aug"]) else { return }
        var probes = 0
        defer { #expect(probes > 10, "only \(probes) probes were read back") }
        for text in inputs {
            _ = Self.parse(text, { (s) throws(FormatError) in try Kubeconfig(s) })
            let probed = text + (text.hasSuffix("\n") ? "" : "\n") + "---\nkind: Config\nclusters:\n- name: nr-probe\n  cluster: {server: \"https://10.250.0.1:6443\"}\n"
            guard let kubeconfig = Self.parse(probed, { (s) throws(FormatError) in try Kubeconfig(s) }) else { continue }
            probes += 1
            #expect(kubeconfig.clusters.contains { $0.name == "nr-probe" && $0.server?.text == "https://10.250.0.1:6443" }, "passed over:\n\(probed)")
        }
    }

    @Test("test_json: JSONDocument accepts each input exactly when python3's strict reader does")
    func json() throws {
        guard let inputs = try Self.inputs(["test_json.aug"]) else { return }
        let ours = inputs.map { text in Self.parse(text, { (s) throws(FormatError) in try JSONDocument(s) }) != nil }
        guard JSONPythonOracleTests.python3Available else {
            if Self.isCI { Issue.record("python3 is missing and CI=true") }
            return
        }
        let python = try JSONPythonOracleTests.pythonAccepts(inputs.map { Array($0.utf8) })
        for (text, (accepted, pythonAccepted)) in zip(inputs, zip(ours, python)) {
            #expect(accepted == pythonAccepted, "\(accepted ? "accepted" : "refused"), python3 does not agree:\n\(text)")
        }
    }
}
