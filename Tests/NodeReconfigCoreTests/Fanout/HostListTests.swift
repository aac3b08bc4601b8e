import Testing
@testable import NodeReconfigCore

@Suite("Fanout host lists")
struct HostListTests {
    @Test("a hosts file: one a line, comments and blank lines ignored")
    func file() throws {
        let hosts = try HostList.parse(file: "# masters\nnode1\n\n  root@10.0.0.2  # db\r\n[fd00::1]\n")
        #expect(hosts == ["node1", "root@10.0.0.2", "[fd00::1]"])
    }

    @Test("a comma list")
    func list() throws {
        #expect(try HostList.parse(list: "a,b.example.com,admin@c") == ["a", "b.example.com", "admin@c"])
    }

    @Test("hosts ssh would read as options, or that hold shell characters, are refused", arguments: [
        "-oProxyCommand=touch /tmp/pwned", "-p", "root@-oProxyCommand=x", "-x@host", "a b", "a;b", "$(id)", "a'b", "",
    ])
    func refused(host: String) {
        #expect(throws: FanoutUsageError.self) { try HostList.validate(host) }
    }

    @Test("the refusal says why")
    func message() {
        #expect(throws: FanoutUsageError("Host '-oProxyCommand=x' starts with '-': ssh would read it as an option; refusing it")) {
            try HostList.parse(list: "ok,-oProxyCommand=x")
        }
    }

    @Test("duplicates, empty entries and two hosts on one line are refused")
    func malformed() {
        #expect(throws: FanoutUsageError.self) { try HostList.parse(list: "a,a") }
        #expect(throws: FanoutUsageError.self) { try HostList.parse(list: "a,,b") }
        #expect(throws: FanoutUsageError.self) { try HostList.parse(file: "a b\n") }
        #expect(throws: FanoutUsageError.self) { try HostList.parse(file: "# nothing\n") }
    }
}
