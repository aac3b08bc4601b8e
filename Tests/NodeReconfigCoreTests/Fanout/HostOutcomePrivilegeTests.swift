import Testing
@testable import NodeReconfigCore

@Suite("Fanout messages for sudo refusals and runs without root")
struct HostOutcomePrivilegeTests {
    private func classify(_ transport: ProcessResult, sudo: Bool) -> HostOutcome {
        HostOutcome.classify(host: "h", mode: .apply, transport: transport, seconds: 1, timeout: 30, sudo: sudo)
    }

    private func stderr(_ code: Int32, _ text: String) -> ProcessResult {
        ProcessResult(exitCode: code, standardError: Array(text.utf8))
    }

    @Test("with --sudo, sudo's own refusal is named and the fix given")
    func sudoRefused() {
        let outcome = classify(stderr(1, "sudo: a password is required\n"), sudo: true)
        #expect(outcome.result == .failed)
        #expect(outcome.message == "sudo refused (exit 1): sudo: a password is required; "
            + "--sudo needs passwordless sudo (NOPASSWD) for the ssh user on the host")
    }

    @Test("with --sudo, a missing sudo is not reported as a missing node-reconfig")
    func sudoMissing() {
        let outcome = classify(stderr(127, "bash: line 1: sudo: command not found\n"), sudo: true)
        #expect(outcome.message.hasPrefix("sudo was not found on the host: bash: line 1: sudo: command not found"))
        #expect(!outcome.message.contains("--remote-bin"))
        let binary = classify(stderr(127, "sh: 1: /opt/nr: not found\n"), sudo: true)
        #expect(binary.message.contains("--remote-bin"))
    }

    @Test("with --sudo, a run that printed its JSON keeps node-reconfig's message")
    func sudoThenJSON() {
        var transport = ProcessResult.json("refused", message: "preflight: Permission denied", exitCode: 1)
        transport.standardError = Array("sudo: unable to resolve host n1\n".utf8)
        #expect(classify(transport, sudo: true).message == "preflight: Permission denied")
    }

    @Test("without --sudo, Permission denied suggests --sudo; other failures are left alone")
    func notRoot() {
        let json = ProcessResult.json("refused", message: "lstat /root/.kube/config: Permission denied (errno 13)", exitCode: 1)
        #expect(classify(json, sudo: false).message
            == "lstat /root/.kube/config: Permission denied (errno 13) (is the ssh user root? if not, add --sudo)")
        #expect(classify(stderr(1, "boom\n"), sudo: false).message == "printed no JSON result (exit 1): boom")
        #expect(classify(stderr(1, "sudo: a password is required\n"), sudo: false).message
            == "printed no JSON result (exit 1): sudo: a password is required")
    }
}
