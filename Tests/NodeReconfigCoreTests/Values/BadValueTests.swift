import Testing
@testable import NodeReconfigCore

/// One refused value: the flag, what the operator typed, and a fragment the message must hold.
struct BadValue: Sendable, CustomTestStringConvertible {
    var flag: String
    var value: String
    var says: String
    init(_ flag: String, _ value: String, _ says: String) {
        self.flag = flag
        self.value = value
        self.says = says
    }
    var testDescription: String { "\(flag)=\(value)" }
}

@Suite("Bad flag values are refused, naming the flag and the value")
struct BadValueTests {
    static let cases: [BadValue] = [
        BadValue("--master", "ftp://10.0.0.1:8080", "use http:// or https://"),
        BadValue("--master", "10.17.33.21:4012", "did you mean http://10.17.33.21:4012?"),
        BadValue("--master", "10.0.0.1:6443", "did you mean https://10.0.0.1:6443?"),
        BadValue("--master", "://10.0.0.1", "empty scheme"),
        BadValue("--master", "http://10.0.0.1:0", "ports are 1-65535"),
        BadValue("--master", "http://10.0.0.1:65536", "ports are 1-65535"),
        BadValue("--master", "http://10.0.0.1:abc", "not a number"),
        BadValue("--master", "http://10.0.0.1:", "no port after it"),
        BadValue("--master", "http://10.0.0.1:08080", "leading zero"),
        BadValue("--master", "http://300.1.1.1:8080", "octets are 0-255"),
        BadValue("--master", "http://10.0.1:8080", "not an IPv4 address"),
        BadValue("--master", "http://010.0.0.1:8080", "leading zero"),
        BadValue("--master", "http://fd00::1:6443", "without brackets"),
        BadValue("--master", "https://[fd00::1::2]:6443", "'::' twice"),
        BadValue("--master", "https://[fd00::g]:6443", "not an IPv6 address"),
        BadValue("--master", "https://[fd00::1:6443", "without ']'"),
        BadValue("--master", "http://bad_host:8080", "characters a DNS name cannot hold"),
        BadValue("--master", "http://-bad.example:8080", "starting or ending in '-'"),
        BadValue("--master", "http://a..b:8080", "empty label"),
        BadValue("--master", "", "is empty"),
        BadValue("--master", "http://", "has no host"),
        BadValue("--master", "http://10.0.0.1:8080/api", "has a path '/api'"),
        BadValue("--master", "http://10.0.0.1:8080//", "has a path '//'"),
        BadValue("--master", "http://admin:pw@10.0.0.1:8080", "user info"),
        BadValue("--master", "http://10.0.0.1:8080?x=1", "query"),
        BadValue("--master", "http://10.0.0.1:8080#top", "fragment"),
        BadValue("--master", "http://10.0.0.1:8080 ", "contains a space"),
        BadValue("--master", "\"http://10.0.0.1:8080\"", "contains a quote"),
        BadValue("--master", "'http://10.0.0.1:8080'", "contains a quote"),
        BadValue("--master", "http://10.0.0.1:8080;reboot", "metacharacter ';'"),
        BadValue("--master", "http://$(hostname):8080", "shell expansion"),
        BadValue("--master", "http://`hostname`:8080", "backtick"),
        BadValue("--master", "http://10.0.0.1:8080|sh", "metacharacter '|'"),
        BadValue("--master", "http://fe80::1%eth0", "'%'"),
        BadValue("--etcd", "http://10.0.0.1:4012,,http://10.0.0.2:4012", "has an empty element"),
        BadValue("--etcd", "http://10.0.0.1:4012,", "has an empty element"),
        BadValue("--etcd", "http://10.0.0.1:4012,http://10.0.0.1:4012", "twice"),
        BadValue("--etcd", "http://10.0.0.1:4012, http://10.0.0.2:4012", "contains a space"),
        BadValue("--etcd", "http://10.0.0.1:4012,10.0.0.2:4012", "did you mean http://10.0.0.2:4012?"),
        BadValue("--etcd", "http://10.0.0.1:4012,http://10.0.0.1:4012/", "twice"),
        BadValue("--etcd-members", "etcd1", "has no '='"),
        BadValue("--etcd-members", "=http://10.0.0.1:2380", "empty member name"),
        BadValue("--etcd-members", "etcd/1=http://10.0.0.1:2380", "member name 'etcd/1'"),
        BadValue("--etcd-members", "etcd1=", "no peer URL"),
        BadValue("--etcd-members", "etcd1=10.0.0.1:2380", "did you mean https://10.0.0.1:2380?"),
        BadValue("--etcd-members", "a=http://10.0.0.1:2380,a=http://10.0.0.2:2380", "names member 'a' twice"),
        BadValue("--etcd-members", "a=http://10.0.0.1:2380,b=http://10.0.0.1:2380", "peer URL http://10.0.0.1:2380 twice"),
        BadValue("--etcd-members", "a=http://10.0.0.1:2380=x", "more than one '='"),
        BadValue("--drain", "https://10.0.0.1:6443", "is a URL; --drain takes HOST:PORT, e.g. 10.0.0.1:6443"),
        BadValue("--drain", "10.0.0.1", "has no port"),
        BadValue("--apiservers", "http://10.0.0.1:6443", "is a URL"),
        BadValue("--apiservers", "10.0.0.1:6443,10.0.0.1:6443", "twice"),
        BadValue("--apiservers", "fd00::1:6443", "without brackets"),
        BadValue("--apiservers", "10.0.0.1:99999", "ports are 1-65535"),
        BadValue("--apiservers", "10.0.0.1:6443/", "has a '/'"),
        BadValue("--old-master", "master.example:8080", "has no scheme"),
        BadValue("--lb-pool", "kube apiserver", "contains a space"),
        BadValue("--lb-pool", "kube/apiserver", "not a pool name"),
    ]

    @Test("each bad value is refused with the flag and the value in the message", arguments: cases)
    func refused(_ bad: BadValue) {
        var targets = Targets()
        do {
            try targets.set(bad.flag, to: bad.value)
            Issue.record("\(bad.flag)=\(bad.value) was accepted")
        } catch {
            #expect(error.flag == bad.flag)
            #expect(error.message.hasPrefix("\(bad.flag): '"))
            #expect(bad.value == error.value || bad.value.contains(error.value), "the quoted value should be the whole value or one of its elements")
            #expect(error.message.contains(bad.says), "\(error.message)")
        }
    }

    @Test("the table covers at least forty bad values")
    func enough() {
        #expect(Self.cases.count >= 40)
    }

    @Test("an empty element names the whole list, exactly as SPEC shows")
    func emptyElementMessage() {
        #expect(throws: ValueError(flag: "--etcd", value: "http://10.0.0.1:4012,,http://10.0.0.2:4012",
                                   "has an empty element; remove the extra ','")) {
            try Endpoint.parseList("http://10.0.0.1:4012,,http://10.0.0.2:4012", flag: "--etcd")
        }
    }
}
