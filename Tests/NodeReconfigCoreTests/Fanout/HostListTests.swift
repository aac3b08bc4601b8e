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

    @Test("a --hosts value names a file when something is there, or when a plain path holds '/' or ends like a file",
          arguments: [
              ("nodes.txt", false, true), ("NODES.TXT", false, true), ("fleet/nodes", false, true), ("./hosts", false, true),
              ("hosts.yaml", false, true), ("hosts.yml", false, true), ("inventory.ini", false, true), ("nodes.list", false, true),
              ("fleet.cfg", false, true), ("fleet.conf", false, true), ("prod.hosts", false, true), ("nodes", true, true),
              ("node1", false, false), ("node1.example.com", false, false), ("10.0.0.1", false, false), ("[fd00::1]", false, false),
              ("a.txt,b", false, false), ("a,b/c", false, false), ("hosts", false, false),
              ("-oProxyCommand=touch /tmp/x", false, false), ("-F/etc/x.conf", false, false), ("h1;touch /tmp/x", false, false),
              ("$(touch /tmp/x)", false, false), ("my hosts.txt", false, false), ("~/fleet/nodes", false, true),
          ])
    func namesFile(_ value: String, _ exists: Bool, _ expected: Bool) {
        #expect(HostList.namesFile(value, exists: exists) == expected)
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
