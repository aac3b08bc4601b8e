import Foundation
import Testing
@testable import NodeReconfigCore

@Suite("manifest.json without Foundation: same document as JSONEncoder wrote")
struct BackupManifestJSONTests {
    static let manifest = BackupManifest(id: "20261122T031502Z-1234", created: "2026-11-22T03:15:02Z", pid: 1234, files: [
        BackupEntry(path: "/srv/node/etc/kubernetes/kubelet.conf", displayPath: "/etc/kubernetes/kubelet.conf",
                    component: "kubelet", kind: "kubeconfig", services: ["kubelet"], copy: "0001-kubelet.conf",
                    sha256Before: String(repeating: "a", count: 64), sha256After: String(repeating: "b", count: 64),
                    mode: 0o600, uid: 0, gid: 4_294_967_294, xattrs: ["security.selinux": "73797374656d5f7500"],
                    needsDaemonReload: false),
        BackupEntry(path: "/etc/systemd/system/kube \"api\".service", displayPath: "/etc/systemd/system/kube \"api\".service",
                    component: "kube-apiserver", kind: "unit", services: [], copy: "0002-unit", sha256Before: "", sha256After: "",
                    mode: 0o644, uid: 1000, gid: 1000, xattrs: [:], needsDaemonReload: true),
    ])

    private static func foundationEncoded(_ manifest: BackupManifest) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return Array(try encoder.encode(manifest)) + [0x0a]
    }

    @Test("a manifest written by the JSONEncoder version reads back equal")
    func readsOldManifests() throws {
        #expect(BackupManifest.decode(try Self.foundationEncoded(Self.manifest)) == Self.manifest)
    }

    @Test("the new manifest is the same JSON document as JSONEncoder's, and JSONDecoder reads it")
    func writesTheSameDocument() throws {
        let new = Self.manifest.encoded()
        let old = try Self.foundationEncoded(Self.manifest)
        let parse = { (bytes: [UInt8]) in try JSONSerialization.jsonObject(with: Data(bytes)) as? NSDictionary }
        #expect(try parse(new) == parse(old))
        #expect(new.last == 0x0a)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        #expect(try decoder.decode(BackupManifest.self, from: Data(new)) == Self.manifest)
        #expect(BackupManifest.decode(new) == Self.manifest)
    }

    @Test("a manifest with a missing or mistyped member is refused", arguments: [
        #"{"version": 1, "id": "x", "created": "t", "pid": 1}"#,
        #"{"version": 1, "id": "x", "created": "t", "pid": "1", "files": []}"#,
        #"{"version": 1, "id": "x", "created": "t", "pid": 1, "files": [{"path": "/a"}]}"#,
        #"{"version": 1, "id": "x", "created": "t", "pid": 99999999999, "files": []}"#,
        "not json",
    ])
    func refusesBrokenManifests(text: String) {
        #expect(BackupManifest.decode(Array(text.utf8)) == nil)
    }
}
