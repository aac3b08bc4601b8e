import Testing
@testable import NodeReconfigCore

@Suite("Good values are accepted and normalised")
struct GoodValueTests {
    @Test("URLs keep scheme, host and port; a trailing slash is dropped; case is folded",
          arguments: [
              ("http://10.17.33.20:8080", "http://10.17.33.20:8080"),
              ("https://10.0.0.1:6443/", "https://10.0.0.1:6443"),
              ("HTTPS://Master.Example.COM", "https://master.example.com"),
              ("https://[FD00::1]:6443", "https://[fd00::1]:6443"),
              ("https://[::ffff:10.0.0.1]:6443", "https://[::ffff:10.0.0.1]:6443"),
              ("https://[2001:db8:0:0:0:0:0:1]", "https://[2001:db8:0:0:0:0:0:1]"),
              ("http://0.0.0.0:1", "http://0.0.0.0:1"),
              ("http://255.255.255.255:65535", "http://255.255.255.255:65535"),
              ("http://k8s-master-1:8080", "http://k8s-master-1:8080"),
          ])
    func endpoint(_ input: String, _ expected: String) throws {
        #expect(try Endpoint.parse(input, flag: "--master").description == expected)
    }

    @Test("lists keep their order and are written comma-joined")
    func listOrder() throws {
        let targets = try Targets.parse([
            ("--etcd", "http://10.17.33.23:4012,http://10.17.33.21:4012/,http://10.17.33.22:4012"),
            ("master", "http://10.17.33.20:8080"),
        ])
        #expect(targets.etcdList == "http://10.17.33.23:4012,http://10.17.33.21:4012,http://10.17.33.22:4012")
        #expect(targets.master == Endpoint(scheme: "http", host: "10.17.33.20", port: 8080))
        #expect(targets.effectiveApiservers == [HostPort(host: "10.17.33.20", port: 8080)])
    }

    @Test("members, apiservers and drain parse in order")
    func membersAndPools() throws {
        let targets = try Targets.parse([
            ("etcd_members", "etcd-b=https://10.0.0.2:2380,etcd.a_1=https://10.0.0.1:2380/"),
            ("apiservers", "10.0.0.2:6443,[fd00::5]:6443,api.example:443"),
            ("drain", "10.0.0.9:6443"),
            ("lb-pool", "kube_apiserver"),
        ])
        #expect(targets.membersList == "etcd-b=https://10.0.0.2:2380,etcd.a_1=https://10.0.0.1:2380")
        #expect(targets.apiservers?.map(\.description) == ["10.0.0.2:6443", "[fd00::5]:6443", "api.example:443"])
        #expect(targets.drain == [HostPort(host: "10.0.0.9", port: 6443)])
        #expect(targets.lbPool == "kube_apiserver")
    }

    @Test("--old-master without --master is refused")
    func oldMasterAlone() {
        #expect(throws: ValueError.self) { try Targets.parse([("old-master", "http://10.0.0.1:8080")]) }
    }

    @Test("an unknown target flag is refused")
    func unknownTarget() {
        var targets = Targets()
        #expect(throws: ValueError.self) { try targets.set("--mastr", to: "http://10.0.0.1") }
    }
}
