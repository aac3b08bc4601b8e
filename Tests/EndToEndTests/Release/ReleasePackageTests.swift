import Foundation
import NodeReconfigCore
import TestSupport
import Testing

/// The packages `scripts/build-release.sh` writes, installed the way an operator would, into
/// scratch roots: `dpkg -i --root`, `rpm -i --root --dbpath --nodeps`, `tar -x`.
@Suite("Release packages: .deb, .rpm and tarball install the same binary, module and playbook", .tags(.slow), .notInQuickRun,
       .enabled(if: Release.shouldRun, "needs scripts/build-release.sh's packages in .build/release-static"))
struct ReleasePackageTests {
    /// Every path a package installs (directories end in `/`), as `/usr/…`.
    static let payload = [
        "/usr/sbin/node-reconfig", "/usr/share/node-reconfig/", "/usr/share/node-reconfig/README.md",
        "/usr/share/node-reconfig/inventory.example", "/usr/share/node-reconfig/library/",
        "/usr/share/node-reconfig/library/node_reconfig", "/usr/share/node-reconfig/rollout.yml",
    ]

    /// The installed tree under `root` holds the release binary, byte for byte, which runs; the
    /// module and playbook are the repository's.
    private func checkInstalled(_ root: String) throws {
        let binary = root + "/usr/sbin/node-reconfig"
        #expect(FileManager.default.contentsEqual(atPath: binary, andPath: Release.binary), "\(binary) is not the release binary")
        let mode = try FileManager.default.attributesOfItem(atPath: binary)[.posixPermissions] as? Int
        #expect(mode == 0o755)
        let version = try Release.run([binary, "--version"]).output
        #expect(version.hasPrefix("node-reconfig \(Version.number) (commit "), "\(version)")
        for (installed, source) in [("library/node_reconfig", "scripts/ansible/library/node_reconfig"),
                                    ("rollout.yml", "scripts/ansible/rollout.yml")] {
            #expect(FileManager.default.contentsEqual(atPath: root + "/usr/share/node-reconfig/" + installed,
                                                      andPath: BinaryRun.packageRoot.appendingPathComponent(source).path), "\(installed)")
        }
        #expect(FileManager.default.isExecutableFile(atPath: root + "/usr/share/node-reconfig/library/node_reconfig"))
        // The installed binary does its job: plan on a copy of the demo node.
        let node = try DemoNode()
        let plan = try Subprocess.run([binary, "plan", "--root", node.root, "--skip-preflight"] + DemoNode.targets, timeout: 60)
        #expect(plan.status == 2 && plan.output.contains("+++ b/etc/kubernetes/kubelet.kubeconfig"), "\(plan)")
    }

    private func scratch(_ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("release-\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("dpkg -i --root installs the .deb into a scratch root; dpkg lists exactly its files; the binary runs")
    func deb() throws {
        guard Release.tool("dpkg") != nil, Release.tool("dpkg-deb") != nil else { return }
        let root = try scratch("deb")
        defer { try? FileManager.default.removeItem(atPath: root) }
        for directory in ["var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers"] {
            try FileManager.default.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
        try #require(FileManager.default.createFile(atPath: root + "/var/lib/dpkg/status", contents: Data()))
        let fields = try Release.run(["dpkg-deb", "--field", Release.deb, "Package", "Version", "Architecture"]).output
        #expect(fields == "Package: node-reconfig\nVersion: \(Version.number)-1\nArchitecture: amd64\n")
        try Release.run(["dpkg", "--root=\(root)", "--log=/dev/null", "-i", Release.deb])
        let status = try Release.run(["dpkg", "--root=\(root)", "-s", "node-reconfig"]).output
        #expect(status.contains("Status: install ok installed"), "\(status)")
        let listed = try Release.run(["dpkg", "--root=\(root)", "-L", "node-reconfig"]).output
            .split(separator: "\n").map(String.init).filter { $0.hasPrefix("/usr/s") }
        #expect(listed.sorted() == (["/usr/sbin", "/usr/share"] + Self.payload.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }).sorted())
        try checkInstalled(root)
    }

    @Test("rpm -i --root --dbpath --nodeps installs the .rpm into a scratch root; rpm -V finds it intact; the binary runs")
    func rpm() throws {
        guard Release.tool("rpm") != nil else { return }
        let root = try scratch("rpm")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let database = ["--root", root, "--dbpath", "/var/lib/rpm"]
        try Release.run(["rpm"] + database + ["--initdb"])
        let info = try Release.run(["rpm", "-qp", "--queryformat", "%{NAME} %{VERSION}-%{RELEASE} %{ARCH} %{PAYLOADCOMPRESSOR}\\n", Release.rpm]).output
        #expect(info == "node-reconfig \(Version.number)-1 x86_64 gzip\n", "gzip: the payload CentOS 7's rpm 4.11 reads")
        let requires = try Release.run(["rpm", "-qpR", Release.rpm]).output
        #expect(requires.contains("glibc >= 2.17"), "\(requires)")
        try Release.run(["rpm", "-i", "--nodeps", "--noscripts"] + database + [Release.rpm])
        let listed = try Release.run(["rpm", "-ql"] + database + ["node-reconfig"]).output.split(separator: "\n").map(String.init)
        #expect(listed.sorted() == Self.payload.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }.sorted())
        try Release.run(["rpm", "-V", "--nodeps"] + database + ["node-reconfig"])
        try checkInstalled(root)
    }

    @Test("the tarball unpacks to the same tree (owner root, one mtime) and the binary runs")
    func tarball() throws {
        guard Release.tool("tar") != nil else { return }
        let root = try scratch("tar")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let listing = try Release.run(["tar", "-tvzf", Release.tarball]).output.split(separator: "\n")
        let entries = listing.map { $0.split(separator: " ") }
        #expect(entries.map { "/" + ($0.last ?? "") }.sorted() == (["/usr/", "/usr/sbin/", "/usr/share/"] + Self.payload).sorted(), "\(listing)")
        #expect(entries.allSatisfy { $0[1] == "0/0" }, "owner root:root")
        #expect(Set(entries.map { "\($0[3]) \($0[4])" }).count == 1, "one mtime (SOURCE_DATE_EPOCH)")
        try Release.run(["tar", "-xzf", Release.tarball, "-C", root])
        try checkInstalled(root)
    }

    @Test("every artifact's .sha256 and SHA256SUMS match it")
    func checksums() throws {
        for artifact in [Release.binary, Release.tarball, Release.rpm, Release.deb] {
            let name = URL(fileURLWithPath: artifact).lastPathComponent
            let sum = String(try Release.run(["sha256sum", artifact]).output.prefix(64))
            #expect(try String(contentsOfFile: artifact + ".sha256", encoding: .utf8) == "\(sum)  \(name)\n", "\(name).sha256")
        }
        let check = try Subprocess.run(["/bin/sh", "-c", "cd \"$0\" && sha256sum -c SHA256SUMS", Release.directory])
        #expect(check.status == 0 && check.output.split(separator: "\n").count == 4, "\(check)")
    }
}
