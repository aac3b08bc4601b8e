import Foundation
import Testing
import TestSupport
@testable import ConfigFormats

@Suite("PodManifest: containers' command and args as tokens")
struct PodManifestTests {
    /// File, flag name, new value, and the exact line expected after the edit.
    static let corpusEdits: [(String, String, String, String)] = [
        ("2-kube-proxy-config/coreos-kubernetes__kube-proxy-static-pod.yaml", "--master", "https://10.99.0.1:6443",
         "    - --master=https://10.99.0.1:6443"),
        ("2-kube-proxy-config/kubespray-2016__kube-proxy-manifest.yaml", "--master", "https://10.99.0.1:6443",
         "    - --master=https://10.99.0.1:6443"),
        ("2-kube-proxy-config/rpi-installer__kube-proxy-static-pod.yaml", "--master", "http://10.99.0.1:8080",
         "        - \"--master=http://10.99.0.1:8080\""),
        ("4-etcd/kubeadm-1.29__etcd-static-pod.yaml", "--initial-cluster", "a=https://10.99.0.2:2380,b=https://10.99.0.3:2380",
         "    - --initial-cluster=a=https://10.99.0.2:2380,b=https://10.99.0.3:2380"),
        ("5-kube-apiserver/kubeadm-1.29__kube-apiserver-static-pod.yaml", "--etcd-servers", "https://10.99.0.2:2379",
         "    - --etcd-servers=https://10.99.0.2:2379"),
        ("8-calico-skydns/domeos__skydns-kube2sky-dns.yaml", "--kube_master_url", "http://10.99.0.1:8080",
         "            - \"--kube_master_url=http://10.99.0.1:8080\""),
    ]

    static let fixtureEdits: [(String, String, String, String)] = [
        ("fixtures/formats/manifest/kube-controller-manager.yaml", "--master", "http://10.99.0.1:8080",
         "        - \"--master=http://10.99.0.1:8080\""),
        ("fixtures/formats/manifest/multi-document.yaml", "--api-servers", "https://10.99.0.1:6443",
         "    command: [/watcher, \"--api-servers=https://10.99.0.1:6443\"]"),
        ("fixtures/formats/manifest/multi-document.yaml", "--etcd-servers", "http://10.99.0.5:2379",
         "        - --etcd-servers=http://10.99.0.5:2379"),
    ]

    @Test("setting a flag value in a corpus manifest changes only that value, reads back, and is idempotent",
          .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"), arguments: corpusEdits)
    func corpusGolden(_ path: String, _ flag: String, _ value: String, _ expectedLine: String) throws {
        try checkGolden(path, flag, value, expectedLine)
    }

    @Test("setting a flag value in a fixture manifest changes only that value, reads back, and is idempotent",
          arguments: fixtureEdits)
    func fixtureGolden(_ path: String, _ flag: String, _ value: String, _ expectedLine: String) throws {
        try checkGolden(path, flag, value, expectedLine)
    }

    /// The single word `flag=…` of the manifest, and the patch setting its value.
    private func flagPatch(_ manifest: PodManifest, _ flag: String, _ value: String) throws -> (ValueToken, Patch) {
        let words = manifest.containers.flatMap(\.commandWords).filter { $0.text.hasPrefix(flag + "=") }
        try #require(words.count == 1)
        let word = words[0]
        let start = flag.utf8.count + 1
        return (word, try word.patch(replacing: start..<word.text.utf8.count, with: value))
    }

    private func checkGolden(_ path: String, _ flag: String, _ value: String, _ expectedLine: String) throws {
        let source = try YAMLTestSupport.source(path)
        let manifest = try PodManifest(source)
        let (word, patch) = try flagPatch(manifest, flag, value)
        let expected = YAMLTestSupport.replacing(source, line: word.line, with: expectedLine)
        let edited = try YAMLTestSupport.apply(patch, to: source, expecting: expected)
        let reread = try PodManifest(edited)
        let (newWord, again) = try flagPatch(reread, flag, value)
        #expect(newWord.text == flag + "=" + value)
        #expect(try edited.applying([again]).bytes == edited.bytes)
    }

    @Test("command then args, in order, one token per item, quotes excluded")
    func commandWordsInOrder() throws {
        let manifest = try PodManifest(YAMLTestSupport.source("fixtures/formats/manifest/kube-controller-manager.yaml"))
        #expect(manifest.containers.map(\.name) == ["wait-for-apiserver", "kube-controller-manager"])
        #expect(manifest.containers.map(\.isInit) == [true, false])
        let main = manifest.containers[1]
        #expect(main.commandWords.map(\.text) == [
            "/usr/local/bin/kube-controller-manager", "--master=http://10.30.0.9:8080", "--leader-elect=true",
            "--cluster-cidr=10.244.0.0/16", "--kubeconfig=/etc/kubernetes/controller-manager.conf",
        ])
        #expect(main.commandWords[1].range == 11..<41)
        #expect(main.isComplete)
        #expect(manifest.containers[0].commandWords.map(\.text) == ["sh", "-c", "until nc -z 10.30.0.9 6443; do sleep 1; done"])
    }

    @Test("every document of a multi-document manifest is read, workload templates included")
    func multiDocument() throws {
        let manifest = try PodManifest(YAMLTestSupport.source("fixtures/formats/manifest/multi-document.yaml"))
        #expect(manifest.containers.map(\.name) == ["bridge", "watcher"])
        #expect(manifest.containers.map(\.documentIndex) == [0, 1])
        #expect(manifest.containers[1].commandWords.map(\.text) == ["/watcher", "--api-servers=https://10.30.0.9:6443", "--v=2"])
    }

    @Test("the corpus's static pods are recognised and their containers found", .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"),
          arguments: corpusEdits.map(\.0))
    func looksLike(_ path: String) throws {
        let source = try Corpus.source(corpus: path)
        #expect(PodManifest.looksLike(source))
        #expect(!Kubeconfig.looksLike(source))
        #expect(try PodManifest(source).containers.allSatisfy { !$0.commandWords.isEmpty && $0.isComplete })
    }

    @Test("a multi-line flow command is read item by item, with positions; an opaque one is exposed as incomplete")
    func multiLineFlow() throws {
        let text = "kind: Pod\nspec:\n  containers:\n  - name: a\n    command: [\n      \"x\", \"--master=http://10.0.0.1:8080\"]\n"
        let manifest = try PodManifest(SourceText(bytes: Array(text.utf8)))
        #expect(manifest.containers.first?.isComplete == true)
        #expect(manifest.containers.first?.commandWords == [ValueToken(text: "x", line: 5, range: 7..<8),
                                                            ValueToken(text: "--master=http://10.0.0.1:8080", line: 5, range: 12..<41)])
        let opaque = "kind: Pod\nspec:\n  containers:\n  - name: a\n    command: [? a,\n      \"--master=http://10.0.0.1:8080\"]\n"
        let incomplete = try PodManifest(SourceText(bytes: Array(opaque.utf8)))
        #expect(incomplete.containers.first?.isComplete == false)
    }

    @Test("a container's livenessProbe.httpGet is read as written: host, port, path, scheme",
          .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"),
          arguments: [("4-etcd/kubeadm-1.29__etcd-static-pod.yaml", HTTPGetAction(host: "127.0.0.1", port: "2381", path: "/health?exclude=NOSPACE&serializable=true", scheme: "HTTP", line: 38)),
                      ("5-kube-apiserver/kubeadm-1.29__kube-apiserver-static-pod.yaml", HTTPGetAction(host: "172.30.1.2", port: "6443", path: "/livez", scheme: "HTTPS", line: 46))])
    func livenessProbe(_ path: String, _ expected: HTTPGetAction) throws {
        let manifest = try PodManifest(try Corpus.source(corpus: path))
        let probes = manifest.containers.compactMap(\.livenessProbe)
        #expect(probes == [expected])
        #expect(manifest.source.lines[expected.line].text.trimmingCharacters(in: .whitespaces) == "httpGet:")
    }

    @Test("a container without a livenessProbe, or one without httpGet, has none")
    func noLivenessProbe() throws {
        let text = "kind: Pod\nspec:\n  containers:\n  - name: a\n    command: [a]\n  - name: b\n    livenessProbe:\n      exec:\n        command: [true]\n"
        let manifest = try PodManifest(SourceText(bytes: Array(text.utf8)))
        #expect(manifest.containers.count == 2)
        #expect(manifest.containers.allSatisfy { $0.livenessProbe == nil })
    }

    @Test("volumeMounts map container paths to node paths through hostPath volumes: the deepest mount, subPath, others not on the node")
    func mounts() throws {
        let text = """
            kind: Pod
            spec:
              containers:
              - name: kube-apiserver
                command: [kube-apiserver]
                volumeMounts:
                - mountPath: /etc/kubernetes/pki
                  name: k8s-certs
                  readOnly: true
                - mountPath: /etc/kubernetes/pki/etcd/
                  name: etcd-certs
                - mountPath: /etc/kubernetes/admin.conf
                  name: kubeconfig
                  subPath: admin.conf
                - mountPath: /var/run/secrets
                  name: token
              volumes:
              - hostPath:
                  path: /etc/kubernetes/pki
                  type: DirectoryOrCreate
                name: k8s-certs
              - name: etcd-certs
                hostPath:
                  path: /srv/etcd/pki/
              - name: kubeconfig
                hostPath:
                  path: /srv/kube
              - name: token
                emptyDir: {}

            """
        let container = try #require(try PodManifest(SourceText(bytes: Array(text.utf8))).containers.first)
        #expect(container.mounts.map(\.mountPath) == ["/etc/kubernetes/pki", "/etc/kubernetes/pki/etcd/", "/etc/kubernetes/admin.conf", "/var/run/secrets"])
        #expect(container.mounts.map(\.hostPath) == ["/etc/kubernetes/pki", "/srv/etcd/pki/", "/srv/kube", nil])
        #expect(container.mounts.map(\.line) == [6, 9, 11, 14])
        #expect(container.nodePath(of: "/etc/kubernetes/pki/ca.crt") == "/etc/kubernetes/pki/ca.crt")
        #expect(container.nodePath(of: "/etc/kubernetes/pki/etcd/ca.crt") == "/srv/etcd/pki/ca.crt", "the deepest mount wins")
        #expect(container.nodePath(of: "/etc/kubernetes/pki") == "/etc/kubernetes/pki")
        #expect(container.nodePath(of: "/etc/kubernetes/pki-other/x") == nil, "a name that only starts like the mount")
        #expect(container.nodePath(of: "/etc/kubernetes/admin.conf") == "/srv/kube/admin.conf", "subPath")
        #expect(container.nodePath(of: "/var/run/secrets/token") == nil, "an emptyDir is not on the node's file system")
        #expect(container.nodePath(of: "/usr/local/bin/kube-apiserver") == nil, "in the image")
        #expect(container.nodePath(of: "relative/path") == nil)
    }

    @Test("kubeadm's static pod: every mount of the corpus manifest has its hostPath", .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"))
    func kubeadmMounts() throws {
        let manifest = try PodManifest(Corpus.source(corpus: "5-kube-apiserver/kubeadm-1.29__kube-apiserver-static-pod.yaml"))
        let container = try #require(manifest.containers.first)
        #expect(container.mounts.count == 6)
        #expect(container.mounts.allSatisfy { $0.hostPath == $0.mountPath })
        #expect(container.nodePath(of: "/etc/kubernetes/pki/etcd/ca.crt") == "/etc/kubernetes/pki/etcd/ca.crt")
    }
}
