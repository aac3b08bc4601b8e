import Foundation
import Testing
import TestSupport
@testable import ConfigFormats

@Suite("EnvFile reads what bash reads where nothing is ambiguous")
struct EnvShellFormsTests {
    static let newMaster = "http://10.99.0.1:8080"

    private func file(_ path: String) throws -> EnvFile {
        try EnvFile(Corpus.source(fixture: path))
    }

    @Test("sourced files, unset, bare export, trailing ';' and several assignments on one line")
    func statements() throws {
        let env = try file("formats/env/domeos-sourced.env")
        #expect(env.sourcedFiles.map(\.path.text) == ["/etc/kubernetes/common", "/etc/kubernetes/site overrides"])
        #expect(env.sourcedFiles.map(\.line) == [1, 2])
        #expect(env.sourcedFiles.allSatisfy { !$0.isComputed })
        #expect(env.unsets == [EnvUnset(names: ["KUBE_ALLOW_PRIV"], line: 7)])
        #expect(env.assignments(of: "KUBE_LOGTOSTDERR").first?.value.text == "--logtostderr=true")
        #expect(env.assignments(of: "KUBE_LOG_LEVEL").first?.value.text == "--v=0")
        #expect(env.assignments.suffix(3).map(\.key) == ["A", "B", "C"])
        #expect(env.assignments.suffix(3).map(\.line) == [16, 16, 16])
        #expect(env.assignments.suffix(3).map(\.value.text) == ["1", "two", "three"])
    }

    @Test("a value's variable references, and where each is defined in the file")
    func references() throws {
        let env = try file("formats/env/domeos-sourced.env")
        let master = try #require(env.assignments(of: "KUBE_MASTER").first)
        #expect(master.referencedVariables == ["MASTER"])
        #expect(env.definition(of: "MASTER", before: master.line)?.value == ValueToken(text: "http://10.61.0.10:8080", line: 3, range: 7..<29))
        #expect(env.definition(of: "MASTER", before: 3) == nil)
        let calico = try file("formats/env/calico-network-environment.env")
        #expect(calico.assignments(of: "DEFAULT_IPV4").first?.referencedVariables == ["DEFAULT_IPV4"])
        #expect(calico.assignments(of: "FELIX_ARGS").first?.referencedVariables == ["FELIX_ARGS"])
        let literal = try EnvFile(SourceText(bytes: Array("A='$B ${C}'\nD=\"$E\"\n".utf8)))
        #expect(literal.assignments.map(\.referencedVariables) == [[], ["E"]])
    }

    @Test("$(…), backticks and $((…)) in a value: read whole, marked computed, not split inside")
    func computed() throws {
        let env = try file("formats/env/domeos-sourced.env")
        let hostname = try #require(env.assignments(of: "KUBELET_HOSTNAME").first)
        #expect(hostname.isComputed && hostname.words.map(\.text) == ["--hostname-override=$(hostname -f)"])
        #expect(env.assignments(of: "KUBELET_ID").first?.isComputed == true)
        #expect(env.assignments(of: "KUBELET_PODS").first?.value.text == "$((110 * 2))")
        #expect(env.assignments(of: "KUBE_MASTER").first?.isComputed == false)
    }

    @Test("inner quotes: the flag value is the address inside them, and a patch keeps them")
    func innerQuotes() throws {
        let env = try file("formats/env/domeos-sourced.env")
        let args = try #require(env.assignments(of: "KUBE_PROXY_ARGS").first)
        #expect(args.value.text == #"--master="http://10.61.0.10:8080" --proxy-mode=iptables"#)
        let flag = try #require(FlagEdit.scanner.scan(args.shellWords).first { $0.name == "master" })
        #expect(flag.value == ValueToken(text: "http://10.61.0.10:8080", line: 12, range: 27..<49))
        let patched = try env.source.applying([flag.value.patch(with: Self.newMaster)])
        #expect(patched.lines[12].text == #"KUBE_PROXY_ARGS='--master="http://10.99.0.1:8080" --proxy-mode=iptables'"#)
        let again = try #require(try EnvFile(patched).assignments(of: "KUBE_PROXY_ARGS").first)
        #expect(FlagEdit.scanner.scan(again.shellWords).first { $0.name == "master" }?.value.text == Self.newMaster)
    }

    @Test("a quoted value over lines without '\\': each word verbatim on its line")
    func quotedOverLines() throws {
        let env = try file("formats/env/domeos-sourced.env")
        let api = try #require(env.assignments(of: "KUBE_API_ARGS").first)
        #expect(api.line == 13 && api.lastLine == 15 && !api.value.isVerbatim)
        #expect(api.words.map(\.line) == [13, 14, 15] && api.words.allSatisfy(\.isVerbatim))
        let (edited, changed) = try FlagEdit.env(env.source.bytes, flag: "etcd-servers", to: "http://10.99.1.1:2379")
        #expect(changed == 1)
        #expect(edited.split(separator: "\n", omittingEmptySubsequences: false)[13] == #"KUBE_API_ARGS="--etcd-servers=http://10.99.1.1:2379"#)
    }

    @Test("refusals say why, and give 'quote the value' only for values that are not quoted", arguments: [
        ("KUBE_ARGS=--v=2 --master=http://a:8080\n", 1, "quote the whole value"),
        ("KUBE_ARGS=\"--v=2\" --master=http://a:8080\n", 1, "inside the quotes"),
        ("A=1\nif [ -f /x ]; then\n  B=2\nfi\n", 2, "control flow ('if')"),
        ("f() {\n B=2\n}\n", 1, "function"),
        ("A=(a b)\n", 1, "array"),
        ("A[1]=x\n", 1, "array"),
        ("A=1\nA+=2\n", 2, "appends"),
        ("A=1 | tee x\n", 1, "'|'"),
        ("A=1 > x\n", 1, "redirection"),
        ("echo hi\n", 1, "runs the command 'echo'"),
        ("A=\"x\nB=2\"\n", 1, "the next line assigns B"),
        ("A=\"x\nnot an assignment\n", 1, "never closed"),
        ("A=$(hostname\n", 1, "'$(' opened on this line is never closed"),
        ("K = v\n", 1, "spaces around '='"),
    ] as [(String, Int, String)])
    func refusals(_ text: String, _ line: Int, _ says: String) throws {
        let error = try #require(throws: FormatError.self) { try EnvFile(SourceText(bytes: Array(text.utf8))) }
        #expect(error.line == line, "\(error)")
        #expect(error.message.contains(says), "\(error)")
        if text.hasPrefix("KUBE_ARGS=\"") { #expect(!error.message.contains("quote the whole value")) }
    }
}

/// bash is the oracle: each env file is sourced before and after an edit in a clean shell; every
/// value we expose as plain text equals what bash assigns, and only the variables we meant to
/// change (and those built from them) differ.
@Suite("EnvFile edits agree with bash, variable by variable")
struct EnvBashEditTests {
    static let files = Corpus.files { $0.hasSuffix(".env") }.map { "corpus:" + $0 }
        + Corpus.fixtures { $0.hasPrefix("formats/env/") && !$0.contains("crlf") }.map { "fixture:" + $0 }
    static let roleVariables: Set<String> = ["FLANNEL_ETCD", "FLANNEL_ETCD_ENDPOINTS", "ETCD_ENDPOINTS", "ETCDCTL_ENDPOINTS", "FLANNELD_ETCD_ENDPOINTS"]
    static let newURL = "http://10.99.0.1:2379"

    /// Every variable bash holds after sourcing `bytes` with `set -a`, less its own.
    static func bashVariables(_ bytes: [UInt8]) throws -> [String: String] {
        func run(_ data: [UInt8]) throws -> [String: String] {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("envbash-\(UUID().uuidString).env")
            try Data(data).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            let result = try Subprocess.run(["/usr/bin/env", "-i", "/bin/bash", "--norc", "--noprofile", "-c",
                                             "set -a; . \"$0\" >/dev/null 2>&1; env -0", url.path])
            var out: [String: String] = [:]
            for entry in result.stdout.split(separator: 0) {
                let text = String(decoding: entry, as: UTF8.self)
                guard let equals = text.firstIndex(of: "=") else { continue }
                out[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            return out
        }
        let own = try run([])
        return try run(bytes).filter { own[$0.key] == nil }
    }

    @Test("every plain value equals bash's; an edit changes exactly the intended variables", arguments: files)
    func agrees(_ tagged: String) throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/bin/bash"), "bash is not installed")
        let isCorpus = tagged.hasPrefix("corpus:")
        if isCorpus { try #require(Corpus.isAvailable, "../shared/corpus is absent") }
        let path = String(tagged.drop(while: { $0 != ":" }).dropFirst())
        let bytes = isCorpus ? try Corpus.bytes(corpus: path) : try Corpus.bytes(fixture: path)
        let file = try EnvFile(SourceText(bytes: bytes))
        let before = try Self.bashVariables(bytes)

        var last: [String: EnvAssignment] = [:]
        for assignment in file.assignments { last[assignment.key] = assignment }
        for (key, assignment) in last where !assignment.isComputed && assignment.referencedVariables.isEmpty
            && !file.unsets.contains(where: { $0.line > assignment.line && $0.names.contains(key) }) {
            #expect(before[key] == assignment.value.text, "\(key)")
        }

        // The edit: role variables set whole; --master/--etcd-servers/--etcd-endpoints values
        // set in place, or, when a value is `${X}`, X set where it is defined (indirection).
        var patches: [Patch] = []
        var intended: Set<String> = []
        var patchedLines: Set<Int> = []
        func set(_ assignment: EnvAssignment, to value: String) throws {
            guard assignment.value.isVerbatim, patchedLines.insert(assignment.line).inserted else { return }
            patches.append(try assignment.replacingValue(with: value))
            intended.insert(assignment.key)
        }
        for assignment in file.assignments {
            if Self.roleVariables.contains(assignment.key), !assignment.value.text.contains("$"), !assignment.value.text.isEmpty {
                try set(assignment, to: Self.newURL)
                continue
            }
            for flag in FlagEdit.scanner.scan(assignment.shellWords) where ["master", "etcd-servers", "etcd-endpoints"].contains(flag.name) {
                if let name = AssignmentReference.whole(flag.value.text), let definition = file.definition(of: name, before: assignment.line) {
                    try set(definition, to: Self.newURL)
                } else if flag.value.isVerbatim, !flag.value.text.contains("$"), !flag.value.text.isEmpty, patchedLines.insert(flag.value.line).inserted {
                    patches.append(try flag.value.patch(with: Self.newURL))
                    intended.insert(assignment.key)
                }
            }
        }
        let edited = try file.source.applying(patches)
        let after = try Self.bashVariables(edited.bytes)
        // Variables built from an edited definition (one before them) change with it.
        for assignment in file.assignments where assignment.referencedVariables.contains(where: { name in
            file.definition(of: name, before: assignment.line).map { patchedLines.contains($0.line) } ?? false
        }) {
            intended.insert(assignment.key)
            patchedLines.insert(assignment.line)
        }
        let changed = Set(before.keys.filter { before[$0] != after[$0] } + after.keys.filter { before[$0] == nil })
        #expect(changed == intended.filter { before[$0] != nil || after[$0] != nil })
        #expect(try EnvFile(edited).render() == edited.bytes)
        for key in intended where Self.roleVariables.contains(key) { #expect(after[key] == Self.newURL, "\(key)") }
    }

    @Test("the file list is not empty")
    func listFound() {
        #expect(Self.files.count >= (Corpus.isAvailable ? 31 : 4))
    }
}

/// `X` when a value is exactly `$X` or `${X}`.
enum AssignmentReference {
    static func whole(_ text: String) -> String? {
        EnvAssignment.reference(in: text)
    }
}
