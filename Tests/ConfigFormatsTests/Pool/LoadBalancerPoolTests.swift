import Testing
@testable import ConfigFormats

@Suite("Pool model: the apiserver rule, refusals, and edge cases of the rewrite")
struct LoadBalancerPoolTests {
    private func nginx(_ text: String) throws -> NginxConfig {
        try NginxConfig(SourceText(bytes: Array(text.utf8)))
    }

    @Test("the apiserver rule: --lb-pool, name hints in any case, or every server on 6443/8443",
          arguments: [
            ("upstream backend { }", nil, false),
            ("upstream backend { }", "backend", true),
            ("upstream My_K8S { }", nil, true),
            ("upstream KubeAPI { server 10.0.0.1:80; }", nil, true),
            ("upstream web { server 10.0.0.1:6443; server 10.0.0.2:8443; }", nil, true),
            ("upstream web { server 10.0.0.1:6443; server 10.0.0.2:2379; }", nil, false),
            ("upstream web { server 10.0.0.1; }", nil, false),
          ] as [(String, String?, Bool)])
    func apiserverRule(_ upstream: String, _ lbPool: String?, _ expected: Bool) throws {
        let pool = try #require(nginx("stream { \(upstream) }\n").pools.first)
        #expect(pool.isApiserverPool(lbPool: lbPool) == expected)
    }

    @Test("servers sharing a line are rewritten on the line, and drained")
    func sharedLine() throws {
        let config = try nginx("stream {\n  upstream kube { server 10.0.0.1:6443; server 10.0.0.2:6443; }\n}\n")
        let rewritten = try config.source.applying(config.patches(settingApiserverPoolsTo: ["10.0.0.3:6443"]))
        #expect(rewritten.string == "stream {\n  upstream kube { server 10.0.0.3:6443; }\n}\n")
        let grown = try config.source.applying(config.patches(settingApiserverPoolsTo: ["10.0.0.2:6443", "10.0.0.1:6443", "10.0.0.4:6443"]))
        #expect(grown.string == "stream {\n  upstream kube { server 10.0.0.2:6443; server 10.0.0.1:6443; server 10.0.0.4:6443; }\n}\n")
        let drained = try config.source.applying(config.patches(draining: ["10.0.0.2:6443"]))
        #expect(drained.string == "stream {\n  upstream kube { server 10.0.0.1:6443; server 10.0.0.2:6443 down; }\n}\n")
    }

    @Test("an empty list, a duplicate entry, and a pool without servers are refused with the pool's line")
    func refusals() throws {
        let config = try nginx("events {}\nstream {\n  upstream kube {\n    server 10.0.0.1:6443;\n  }\n  upstream master_empty {\n  }\n}\n")
        let kube = config.pools[0]
        #expect(throws: FormatError(line: 3, "the new server list for pool 'kube' is empty; refusing to empty the pool")) {
            try config.patches(settingPool: kube, to: [])
        }
        #expect(throws: FormatError.self) { try config.patches(settingPool: kube, to: ["10.0.0.2:6443", "10.0.0.2:6443"]) }
        do {
            _ = try config.patches(settingPool: config.pools[1], to: ["10.0.0.2:6443"])
            Issue.record("an empty pool was rewritten")
        } catch {
            #expect(error.line == 6)
        }
    }

    @Test("a first server with a comment inside its directive is not copied: refused with the comment's line")
    func commentInsideTemplate() throws {
        let config = try nginx("stream { upstream kube {\n  server 10.0.0.1:6443 # old master\n     weight=2;\n} }\n")
        #expect(try config.source.applying(config.patches(settingApiserverPoolsTo: ["10.0.0.1:6443"])).bytes == config.source.bytes)
        let error = try #require(throws: FormatError.self) { try config.patches(settingApiserverPoolsTo: ["10.0.0.2:6443"]) }
        #expect(error.line == 2 && error.message.contains("comment"), "\(error)")
    }

    @Test("a copied line leaves the first server's trailing comment behind; the kept line keeps it", arguments: [
        ("backend kube\n  server m1 10.0.0.1:6443 check   # first master\n",
         "backend kube\n  server m1 10.0.0.1:6443 check   # first master\n  server apiserver-10-0-0-2 10.0.0.2:6443 check\n"),
        ("stream { upstream kube {\n  server 10.0.0.1:6443 weight=2; # first master\n} }\n",
         "stream { upstream kube {\n  server 10.0.0.1:6443 weight=2; # first master\n  server 10.0.0.2:6443 weight=2;\n} }\n"),
    ])
    func copiedComment(_ text: String, _ expected: String) throws {
        let source = try SourceText(bytes: Array(text.utf8))
        let config: any LoadBalancerConfig = text.hasPrefix("backend") ? try HAProxyConfig(source) : try NginxConfig(source)
        #expect(try source.applying(config.patches(settingApiserverPoolsTo: ["10.0.0.1:6443", "10.0.0.2:6443"])).string == expected)
    }

    @Test("a server spanning lines is drained after its last parameter")
    func multiLineDrain() throws {
        let config = try nginx("stream { upstream kube {\n  server 10.0.0.1:6443\n     weight=2;\n} }\n")
        let drained = try config.source.applying(config.patches(draining: ["10.0.0.1:6443"]))
        #expect(drained.string == "stream { upstream kube {\n  server 10.0.0.1:6443\n     weight=2 down;\n} }\n")
    }

    @Test("a down server already in order is rewritten without 'down'; a missing final newline stays missing")
    func downInOrder() throws {
        let config = try nginx("stream { upstream kube {\nserver 10.0.0.1:6443 down;\nserver 10.0.0.2:6443;\n}}")
        let patched = try config.source.applying(config.patches(settingApiserverPoolsTo: ["10.0.0.1:6443", "10.0.0.2:6443"]))
        #expect(patched.string == "stream { upstream kube {\nserver 10.0.0.1:6443;\nserver 10.0.0.2:6443;\n}}")
    }

    @Test("haproxy copies are named apiserver- + host with '.' and ':' turned into '-'")
    func copiedName() {
        #expect(LoadBalancerPool.copiedServerName(for: Address(parsing: "10.1.2.3:6443")) == "apiserver-10-1-2-3")
        #expect(LoadBalancerPool.copiedServerName(for: Address(parsing: "[fd00::7]:6443")) == "apiserver-fd00--7")
    }

    @Test("detect: every pool reported with its servers and apiserver flag")
    func reports() throws {
        let config = try HAProxyConfig(SourceText(bytes: Array("backend etcd\n server e 10.0.0.9:2379 disabled\nlisten api\n server a [fd00::1]:6443\n".utf8)))
        let reports = config.poolReports()
        #expect(reports.map(\.isApiserverPool) == [false, true])
        #expect(reports[0].downServers == ["10.0.0.9:2379"])
        #expect(reports[1].servers == ["[fd00::1]:6443"])
    }

    @Test("a haproxy file without a final newline keeps none when its last server line goes",
          arguments: ["backend kube\n    server m1 10.0.0.1:6443 check\n    server m2 10.0.0.2:6443 check",
                      "backend kube\r\n    server m1 10.0.0.1:6443 check\r\n    # second\r\n    server m2 10.0.0.2:6443 check"])
    func lastServerRemoved(_ text: String) throws {
        let config = try HAProxyConfig(SourceText(bytes: Array(text.utf8)))
        let patched = try config.source.applying(config.patches(settingApiserverPoolsTo: ["10.0.0.1:6443"]))
        let crlf = text.contains("\r\n")
        let newline = crlf ? "\r\n" : "\n"
        let expected = "backend kube" + newline + "    server m1 10.0.0.1:6443 check" + (crlf ? newline + "    # second" : "")
        #expect(patched.string == expected)
        let again = try HAProxyConfig(patched)
        #expect(try again.patches(settingApiserverPoolsTo: ["10.0.0.1:6443"]).isEmpty)
    }

    @Test("a family-pinned line is not copied for the other family; a pool fed by server-template is refused with its line")
    func familyAndTemplate() throws {
        let pinned = try HAProxyConfig(SourceText(bytes: Array("backend kube\n  server a ipv4@10.0.0.1:6443 check\n".utf8)))
        #expect(pinned.pools[0].servers[0].addressPrefix == "ipv4@")
        #expect(pinned.pools[0].servers[0].address.hostPort == "10.0.0.1:6443")
        #expect(throws: FormatError(line: 2, "the server line to copy pins 'ipv4@' but '[fd00::1]:6443' is not that family; write the first server line by hand for it, then run again")) {
            try pinned.patches(settingApiserverPoolsTo: ["[fd00::1]:6443"])
        }
        let six = try HAProxyConfig(SourceText(bytes: Array("backend kube\n  server a ipv6@[fd00::1]:6443\n".utf8)))
        #expect(throws: FormatError.self) { try six.patches(settingApiserverPoolsTo: ["10.0.0.2:6443"]) }
        #expect(try six.source.applying(six.patches(settingApiserverPoolsTo: ["master.example:6443"])).string
                == "backend kube\n  server apiserver-master-example ipv6@master.example:6443\n")

        let templated = try HAProxyConfig(SourceText(bytes: Array("backend kube_api\n  server a 10.0.0.1:6443\n  server-template m 3 masters.example:6443\n".utf8)))
        #expect(templated.pools[0].serverTemplateLines == [2])
        do {
            _ = try templated.patches(settingApiserverPoolsTo: ["10.0.0.2:6443"])
            Issue.record("a pool fed by server-template was rewritten")
        } catch {
            #expect(error.line == 3)
            #expect(error.message.contains("server-template"))
        }
        #expect(templated.patches(draining: ["10.0.0.1:6443"]).count == 1)
    }
}
