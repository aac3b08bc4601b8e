import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

/// A control plane made of real parts on 127.0.0.1, for the preflight and health-gate tests:
/// certificates made here with openssl (`scripts/rehearsal/pki.sh`), real `etcd` clusters with
/// TLS and `--client-cert-auth`, and kube-apiserver stand-ins (`scripts/rehearsal/apiserver.py`,
/// which says in its header that it stands in for kube-apiserver). Everything lives in one temp
/// dir and every process is stopped by `tearDown`.
final class ControlPlaneLab: @unchecked Sendable {
    static let script = BinaryRun.packageRoot.appendingPathComponent("scripts/rehearsal").path

    /// Fails (not skips) in CI when a program is missing.
    static func has(_ programs: String...) -> Bool {
        programs.allSatisfy { ServiceBench.has($0) }
    }

    let directory: String
    var pki: String { directory + "/pki" }
    private var processes: [Subprocess.Running] = []

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-lab-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/pki", withIntermediateDirectories: true)
    }

    func tearDown() {
        for process in processes { process.stop(grace: 3) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// `pki.sh DIR ARGUMENTS…`; returns the certificate's path.
    @discardableResult
    func make(_ arguments: String...) throws -> String {
        let result = try Subprocess.run([Self.script + "/pki.sh", pki] + arguments)
        try #require(result.status == 0, "pki.sh \(arguments.joined(separator: " ")): \(result)")
        return "\(pki)/\(arguments[1]).crt"
    }

    func path(_ name: String, _ suffix: String = "crt") -> String { "\(pki)/\(name).\(suffix)" }

    /// The bytes of a PKI file.
    func pem(_ name: String, _ suffix: String = "crt") throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path(name, suffix)))
    }

    /// A kube-apiserver stand-in on `address`:`port` (TLS with `certificate` unless nil).
    func apiserver(address: String = "127.0.0.1", port: Int, ident: String, certificate: String?, clientCA: String? = nil, extra: [String] = []) throws {
        var arguments = ["python3", Self.script + "/apiserver.py", address, "\(port)", ident]
        if let certificate { arguments += ["--cert", path(certificate), "--key", path(certificate, "key")] }
        if let clientCA { arguments += ["--client-ca", path(clientCA)] }
        processes.append(try Subprocess.start(arguments + extra, mergeStderr: true))
        try #require(waitForPort(port, address: address), "the apiserver stand-in \(ident) did not listen on \(address):\(port)")
    }

    /// One etcd cluster: a member per entry of `clientPorts` (peer ports taken alongside), TLS
    /// with `server` (its certificate covers 127.0.0.1) and `--client-cert-auth` against `ca`.
    /// `extraListen` adds a client URL on member 1 that it does not advertise (a URL that is no
    /// member's). Returns the members' client URLs once every one answers.
    @discardableResult
    func etcd(_ token: String, clientPorts: [Int], server: String, ca: String, extraListen: Int? = nil) throws -> [String] {
        let peers = ServiceBench.freePorts(clientPorts.count)
        let names = clientPorts.indices.map { "\(token)-\($0 + 1)" }
        let cluster = zip(names, peers).map { "\($0)=http://127.0.0.1:\($1)" }.joined(separator: ",")
        for index in clientPorts.indices {
            var listen = "https://127.0.0.1:\(clientPorts[index])"
            if index == 0, let extraListen { listen += ",https://127.0.0.1:\(extraListen)" }
            processes.append(try Subprocess.start([
                "etcd", "--name", names[index], "--data-dir", "\(directory)/\(names[index])", "--log-level", "error",
                "--listen-client-urls", listen, "--advertise-client-urls", "https://127.0.0.1:\(clientPorts[index])",
                "--listen-peer-urls", "http://127.0.0.1:\(peers[index])", "--initial-advertise-peer-urls", "http://127.0.0.1:\(peers[index])",
                "--initial-cluster", cluster, "--initial-cluster-token", token, "--initial-cluster-state", "new",
                "--cert-file", path(server), "--key-file", path(server, "key"), "--trusted-ca-file", path(ca), "--client-cert-auth",
            ], mergeStderr: true))
        }
        let urls = clientPorts.map { "https://127.0.0.1:\($0)" }
        for url in urls {
            let healthy = eventually(30) {
                let result = try? Subprocess.run(["curl", "-s", "--max-time", "2", "--cacert", self.path(ca), "--cert", self.path("etcd-client"),
                                                  "--key", self.path("etcd-client", "key"), url + "/health"])
                return result?.output.contains("\"health\":\"true\"") == true
            }
            try #require(healthy, "etcd at \(url) did not become healthy")
        }
        return urls
    }

    /// A one-member etcd over plain http (an insecure client port, as DomeOS ran it).
    func plainEtcd(_ name: String, client: Int, peer: Int, arguments: [String] = []) throws -> String {
        let url = "http://127.0.0.1:\(client)"
        processes.append(try Subprocess.start([
            "etcd", "--name", "\(name)-1", "--data-dir", "\(directory)/\(name)", "--log-level", "error",
            "--listen-client-urls", url, "--advertise-client-urls", url,
            "--listen-peer-urls", "http://127.0.0.1:\(peer)", "--initial-advertise-peer-urls", "http://127.0.0.1:\(peer)",
            "--initial-cluster", "\(name)-1=http://127.0.0.1:\(peer)", "--initial-cluster-token", name,
        ] + arguments, mergeStderr: true))
        let healthy = eventually(30) { (try? Subprocess.run(["curl", "-s", "--max-time", "2", url + "/health"]))?.output.contains("true") == true }
        try #require(healthy, "etcd at \(url) did not become healthy")
        return url
    }

    func waitForPort(_ port: Int, address: String = "127.0.0.1") -> Bool {
        eventually(10) { LocalNetworkProber().connect([HostPort(host: address, port: port)], timeout: 0.5)[0] == nil }
    }

    func eventually(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(100_000)
        }
        return condition()
    }
}
