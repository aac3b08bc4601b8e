import Testing
import TestSupport
@testable import ConfigFormats

@Suite("Kubeconfig: clusters' server values, quote style kept, secrets located")
struct KubeconfigTests {
    static let newServer = "https://10.99.0.1:6443"

    /// File, cluster index, and the exact line expected after setting that cluster's server.
    static let corpusEdits: [(String, Int, String)] = [
        ("1-kubeconfig/gravitational-planet__proxy.kubeconfig.yaml", 0, "      server: https://10.99.0.1:6443"),
        ("1-kubeconfig/k8s-contrib__kubelet-kubeconfig.yaml", 0, "      server: https://10.99.0.1:6443"),
        ("1-kubeconfig/kthw-2016__var-lib-kubelet-kubeconfig.yaml", 0, "    server: https://10.99.0.1:6443"),
        ("1-kubeconfig/kubeadm-1.29__etc-kubernetes-kubelet.conf.yaml", 0, "    server: https://10.99.0.1:6443"),
        ("1-kubeconfig/kubespray__node-kubeconfig.yaml", 0, "    server: \"https://10.99.0.1:6443\""),
        ("1-kubeconfig/occ__master-kubeconfig.yaml", 0, "    server: https://10.99.0.1:6443"),
        ("1-kubeconfig/opsnull-2019__kubelet-bootstrap.kubeconfig.yaml", 0, "    server: \"https://10.99.0.1:6443\""),
        ("1-kubeconfig/opsnull-2019__kubelet.kubeconfig.yaml", 0, "    server: https://10.99.0.1:6443"),
    ]

    static let fixtureEdits: [(String, Int, String)] = [
        ("fixtures/formats/kubeconfig/kubectl-two-clusters.kubeconfig", 0, "    server: https://10.99.0.1:6443"),
        ("fixtures/formats/kubeconfig/kubectl-two-clusters.kubeconfig", 1, "    server: https://10.99.0.1:6443"),
        ("fixtures/formats/kubeconfig/crlf-single-quoted.kubeconfig", 0, "      server: 'https://10.99.0.1:6443'   # via keepalived VIP"),
        ("fixtures/formats/kubeconfig/auth-provider-secrets.kubeconfig", 0, "    server: \"https://10.99.0.1:6443\""),
        ("fixtures/formats/kubeconfig/flow-style.kubeconfig", 0,
         "- {name: prod, cluster: {server: \"https://10.99.0.1:6443\", certificate-authority-data: QUJDREVGR0g=}}"),
        ("fixtures/formats/kubeconfig/flow-style.kubeconfig", 1, "  cluster: {server: https://10.99.0.1:6443,"),
        ("fixtures/formats/kubeconfig/flow-list.kubeconfig", 1,
         "clusters: [{name: a, cluster: {server: \"https://10.21.1.5:6443\"}}, {name: b, cluster: {server: https://10.99.0.1:6443}}]"),
        ("fixtures/formats/kubeconfig/block-scalars.kubeconfig", 0, "      https://10.99.0.1:6443"),
        ("fixtures/formats/kubeconfig/block-scalars.kubeconfig", 1, "      https://10.99.0.1:6443"),
        ("fixtures/formats/kubeconfig/kubectl-written.json.kubeconfig", 0, "        \"server\": \"https://10.99.0.1:6443\""),
    ]

    @Test("setting a corpus kubeconfig's server changes only that value, reads back, and is idempotent",
          .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"), arguments: corpusEdits)
    func corpusGolden(_ path: String, _ cluster: Int, _ expectedLine: String) throws {
        try checkGolden(path, cluster, expectedLine)
    }

    @Test("setting a fixture kubeconfig's server changes only that value, reads back, and is idempotent",
          arguments: fixtureEdits)
    func fixtureGolden(_ path: String, _ cluster: Int, _ expectedLine: String) throws {
        try checkGolden(path, cluster, expectedLine)
    }

    private func checkGolden(_ path: String, _ index: Int, _ expectedLine: String) throws {
        let source = try YAMLTestSupport.source(path)
        #expect(Kubeconfig.looksLike(source))
        let kubeconfig = try Kubeconfig(source)
        let cluster = try #require(kubeconfig.clusters.dropFirst(index).first)
        let server = try #require(cluster.server)
        let expected = YAMLTestSupport.replacing(source, line: server.line, with: expectedLine)
        let edited = try YAMLTestSupport.apply(try cluster.patch(settingServer: Self.newServer), to: source, expecting: expected)
        let reread = try Kubeconfig(edited)
        #expect(reread.clusters[index].server?.text == Self.newServer)
        #expect(reread.clusters[index].serverStyle == cluster.serverStyle)
        let again = try edited.applying([try reread.clusters[index].patch(settingServer: Self.newServer)])
        #expect(again.bytes == edited.bytes)
    }

    @Test("cluster names, server values and quote styles are read as written")
    func readsClusters() throws {
        let two = try Kubeconfig(YAMLTestSupport.source("fixtures/formats/kubeconfig/kubectl-two-clusters.kubeconfig"))
        #expect(two.clusters.map(\.name) == ["production", "local-lb"])
        #expect(two.clusters.map { $0.server?.text } == ["https://10.20.0.5:6443", "http://127.0.0.1:8080/"])
        #expect(two.clusters.map(\.line) == [2, 6])
        let crlf = try Kubeconfig(YAMLTestSupport.source("fixtures/formats/kubeconfig/crlf-single-quoted.kubeconfig"))
        #expect(crlf.clusters.first?.name == "edge")
        #expect(crlf.clusters.first?.serverStyle == .singleQuoted)
        #expect(crlf.clusters.first?.server?.range == 15..<54)
    }

    @Test("secretLines are exactly the lines holding client-key-data and token values")
    func secretLinesKubectl() throws {
        let kubeconfig = try Kubeconfig(YAMLTestSupport.source("fixtures/formats/kubeconfig/kubectl-two-clusters.kubeconfig"))
        #expect(kubeconfig.secretLines == [22, 25])
        #expect(kubeconfig.source.lines[22].text.contains("client-key-data:"))
        #expect(kubeconfig.source.lines[25].text.contains("token:"))
    }

    @Test("secretLines cover id-token, refresh-token, client-secret and password")
    func secretLinesAuthProvider() throws {
        let kubeconfig = try Kubeconfig(YAMLTestSupport.source("fixtures/formats/kubeconfig/auth-provider-secrets.kubeconfig"))
        #expect(kubeconfig.secretLines == [14, 15, 17, 21])
    }

    @Test("a secret inside a flow mapping marks its own line; inside an opaque one, the whole collection")
    func secretInFlow() throws {
        let text = "kind: Config\nclusters: []\nusers:\n- name: a\n  user: {username: u,\n    password: p}\n- name: b\n  user: {tokenFile: /t}\n"
        let kubeconfig = try Kubeconfig(SourceText(bytes: Array(text.utf8)))
        #expect(kubeconfig.clusters.isEmpty)
        #expect(kubeconfig.secretLines == [5])
        let opaque = try Kubeconfig(SourceText(bytes: Array("kind: Config\nusers:\n- user: {? complex: key,\n    token: t}\n".utf8)))
        #expect(opaque.secretLines == [2, 3])
    }

    @Test("a ConfigMap holding a kubeconfig in a block scalar is not a kubeconfig", .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"),
          arguments: ["2-kube-proxy-config/kubeadm-1.11__kube-proxy-configmap.yaml", "2-kube-proxy-config/portfolio-kind__kube-proxy-configmap.yaml"])
    func configMapIsOpaque(_ path: String) throws {
        let source = try Corpus.source(corpus: path)
        #expect(!Kubeconfig.looksLike(source))
        #expect(try Kubeconfig(source).clusters.isEmpty)
    }

    @Test("JSON kubeconfig: clusters, servers and secret lines as in YAML; an escaped server is exposed decoded but not patched")
    func json() throws {
        let kubeconfig = try Kubeconfig(YAMLTestSupport.source("fixtures/formats/kubeconfig/kubectl-written.json.kubeconfig"))
        #expect(kubeconfig.document == nil && kubeconfig.json != nil)
        #expect(kubeconfig.clusters.map(\.name) == ["prod", "escaped"])
        #expect(kubeconfig.clusters.map { $0.server?.text } == ["https://10.23.0.5:6443", "https://10.23.0.6:6443"])
        #expect(kubeconfig.clusters.map(\.line) == [4, 11])
        #expect(kubeconfig.secretLines == [16])
        let error = try #require(throws: FormatError.self) { try kubeconfig.clusters[1].patch(settingServer: Self.newServer) }
        #expect(error.line == 12)
        #expect(throws: FormatError.self) { try kubeconfig.clusters[0].patch(settingServer: "https://a\"b:1") }
        #expect(Kubeconfig.looksLike(kubeconfig.source))
    }

    @Test("a file opening with '{' that is YAML but not JSON is read as YAML, as kubectl does; one neither reads gets the JSON refusal")
    func flowRootNotJSON() throws {
        let yaml = try Kubeconfig(SourceText(bytes: Array("{kind: Config, clusters: [{name: a,\n  cluster: {server: \"https://10.0.0.1:6443\"}}]}\n".utf8)))
        #expect(yaml.json == nil && yaml.clusters.map { $0.server?.text } == ["https://10.0.0.1:6443"])
        #expect(yaml.clusters.first?.server?.line == 1)
        let duplicate = "{\"kind\": \"Config\",\n \"clusters\": [{\"name\": \"a\", \"name\": \"b\"}]}\n"
        let error = try #require(throws: FormatError.self) { try Kubeconfig(SourceText(bytes: Array(duplicate.utf8))) }
        #expect(error.line == 2 && error.message.contains("duplicate key"), "\(error)")
    }

    @Test("server: | keeps a final line break (kubectl reads it so): exposed, refused with the reason and the line")
    func blockScalarClip() throws {
        let kubeconfig = try Kubeconfig(YAMLTestSupport.source("fixtures/formats/kubeconfig/block-scalar-clip.kubeconfig"))
        let server = try #require(kubeconfig.clusters.first?.server)
        #expect(server.text == "https://10.22.1.5:6443\n" && !server.isVerbatim && server.line == 6)
        let error = try #require(throws: FormatError.self) { try server.patch(with: Self.newServer) }
        #expect(error.line == 7 && error.message.contains("write '|-'"), "\(error)")
    }

    @Test("a clusters entry the flow reader cannot see into is refused with its line, never passed over", arguments: [
        ("kind: Config\nclusters:\n- {? name: a, cluster: {server: https://h:1}}\n", 3),
        ("kind: Config\nclusters: {a: b}\n", 2),
        ("kind: Config\nclusters:\n- name: a\n  cluster: {server: [https://h:1]}\n", 4),
    ])
    func unreadableFlow(_ text: String, _ line: Int) throws {
        let error = try #require(throws: FormatError.self) { try Kubeconfig(SourceText(bytes: Array(text.utf8))) }
        #expect(error.line == line, "\(error)")
    }

    @Test("a value the quote style cannot hold is refused, not escaped")
    func refusesUnsafeValue() throws {
        let source = try YAMLTestSupport.source("fixtures/formats/kubeconfig/crlf-single-quoted.kubeconfig")
        let cluster = try #require(try Kubeconfig(source).clusters.first)
        #expect(throws: FormatError.self) { try cluster.patch(settingServer: "https://it's:6443") }
    }

    @Test("credentials(for:): the cluster's CA, and the user of the context naming it (the current one first); none when that is ambiguous")
    func credentials() throws {
        let two = try Kubeconfig(YAMLTestSupport.source("fixtures/formats/kubeconfig/kubectl-two-clusters.kubeconfig"))
        #expect(two.credentials(for: two.clusters[0]) == [
            KubeconfigCredential(key: .certificateAuthorityData, path: nil,
                                 value: "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5eg==", line: 3, owner: "production"),
            KubeconfigCredential(key: .clientCertificateData, path: nil, value: "Q0VSVElGSUNBVEUtREFUQS1OT1QtU0VDUkVU", line: 21, owner: "admin"),
            KubeconfigCredential(key: .clientKeyData, path: nil, value: "UFJJVkFURS1LRVktREFUQS1JUy1TRUNSRVQ=", line: 22, owner: "admin"),
        ])
        #expect(!two.clusters[0].insecureSkipTLSVerify && two.clusters[1].insecureSkipTLSVerify)
        #expect(two.credentials(for: two.clusters[1]).isEmpty, "no context names local-lb and the file has two users: no guess")

        let text = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: a
              cluster:
                certificate-authority: pki/ca.crt
                server: https://10.0.0.1:6443
            - name: b
              cluster:
                certificate-authority: "/etc/b/ca.crt"
                server: https://10.0.0.2:6443
            contexts:
            - name: ctx-a
              context: {cluster: a, user: ua}
            - name: ctx-b
              context:
                cluster: b
                user: ub
            current-context: ctx-a
            users:
            - name: ua
              user:
                client-certificate: pki/a.crt
                client-key: pki/a.key
            - name: ub
              user:
                tokenFile: /var/run/b-token

            """
        let kubeconfig = try Kubeconfig(SourceText(bytes: Array(text.utf8)))
        #expect(kubeconfig.credentials(for: kubeconfig.clusters[1]) == [
            KubeconfigCredential(key: .certificateAuthority, path: "/etc/b/ca.crt", line: 9, owner: "b"),
            KubeconfigCredential(key: .tokenFile, path: "/var/run/b-token", line: 26, owner: "ub"),
        ], "quotes removed; ctx-b is the only context naming b")
        #expect(kubeconfig.credentials(for: kubeconfig.clusters[0]).map(\.description) == [
            "certificate-authority pki/ca.crt (line 6, cluster a)",
            "client-certificate pki/a.crt (line 23, user ua)",
            "client-key pki/a.key (line 24, user ua)",
        ], "ctx-a, a flow mapping, is the current context")
        let json = """
            {"apiVersion": "v1", "kind": "Config",
             "clusters": [{"name": "j", "cluster": {"server": "https://10.0.0.9:6443", "certificate-authority-data": "Q0E=", "insecure-skip-tls-verify": false}}],
             "contexts": [{"name": "c", "context": {"cluster": "j", "user": "u"}}],
             "current-context": "c",
             "users": [{"name": "u", "user": {"client-certificate": "/pki/u.crt", "client-key": "/pki/u.key", "token": null}}]}

            """
        let fromJSON = try Kubeconfig(SourceText(bytes: Array(json.utf8)))
        #expect(fromJSON.credentials(for: fromJSON.clusters[0]) == [
            KubeconfigCredential(key: .certificateAuthorityData, path: nil, value: "Q0E=", line: 1, owner: "j"),
            KubeconfigCredential(key: .clientCertificate, path: "/pki/u.crt", line: 4, owner: "u"),
            KubeconfigCredential(key: .clientKey, path: "/pki/u.key", line: 4, owner: "u"),
        ], "a null token is no token")
        #expect(!fromJSON.clusters[0].insecureSkipTLSVerify)
        // The same reader gives discovery every credential of the file, in file order.
        #expect(fromJSON.credentials == fromJSON.credentials(for: fromJSON.clusters[0]))
        #expect(kubeconfig.credentials.map(\.line) == [5, 9, 22, 23, 26])
    }

    @Test("credentials: the files clusters and users name, and the ones written into the file (by where, never by value)")
    func credentialReferences() throws {
        let text = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: main
              cluster:
                certificate-authority: /etc/kubernetes/pki/ca.crt
                server: https://10.1.0.1:6443
            - cluster:
                certificate-authority-data: LS0tLS1CRUdJTg==
                server: https://10.1.0.2:6443
              name: other
            users:
            - name: node
              user:
                client-certificate: pki/node.crt
                client-key: pki/node.key
            - name: bootstrap
              user:
                token: abcdef.0123456789abcdef
            - name: empty
              user:
                client-key:

            """
        let credentials = try Kubeconfig(SourceText(bytes: Array(text.utf8))).credentials
        #expect(credentials == [
            KubeconfigCredential(key: .certificateAuthority, path: "/etc/kubernetes/pki/ca.crt", line: 5, owner: "main"),
            KubeconfigCredential(key: .certificateAuthorityData, path: nil, value: "LS0tLS1CRUdJTg==", line: 8, owner: "other"),
            KubeconfigCredential(key: .clientCertificate, path: "pki/node.crt", line: 14, owner: "node"),
            KubeconfigCredential(key: .clientKey, path: "pki/node.key", line: 15, owner: "node"),
            KubeconfigCredential(key: .token, path: nil, value: "abcdef.0123456789abcdef", line: 18, owner: "bootstrap"),
        ])
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in ["\(credentials)", String(describing: credentials), String(reflecting: credentials), dumped] {
            #expect(!text.contains("abcdef.0123456789abcdef") && !text.contains("LS0tLS1CRUdJTg"), "\(text)")
        }
        #expect(credentials[4].description == "token (written in) (line 19, user bootstrap)")
    }

    @Test("a credential written as a block scalar, an alias or an anchored value: recorded by where it is; its value only when it is one scalar")
    func credentialForms() throws {
        let text = """
            kind: Config
            clusters:
            - name: c
              cluster:
                server: https://10.1.0.1:6443
                certificate-authority-data: |
                  LS0tLS1CRUdJTi
                  BDRVJUSUZJQ0FURS0tLS0t
                certificate-authority: &ca /etc/anchored/ca.crt
            users:
            - name: u
              user:
                client-key-data: *key
                client-certificate: ~
                token: ""

            """
        let credentials = try Kubeconfig(SourceText(bytes: Array(text.utf8))).credentials
        #expect(credentials == [
            KubeconfigCredential(key: .certificateAuthorityData, path: nil, value: "LS0tLS1CRUdJTi\nBDRVJUSUZJQ0FURS0tLS0t\n", line: 5, owner: "c"),
            KubeconfigCredential(key: .clientKeyData, path: nil, value: nil, line: 12, owner: "u"),
        ], "an anchored path cannot be trusted to be the file; a null or empty value names nothing")
    }
}
