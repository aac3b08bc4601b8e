import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

@Suite("Transaction end to end: nginx as the node-local load balancer", .tags(.slow), .notInQuickRun, .serialized)
struct NginxTransactionTests {
    @Test("switching the pool reloads a real nginx that then serves the new apiserver; a config nginx -t refuses is rolled back")
    func switchAndRefuse() throws {
        guard ServiceBench.has("nginx") && ServiceBench.has("curl") else { return }
        let bench = try ServiceBench()
        defer { bench.tearDown(["nginx"]) }
        let ports = ServiceBench.freePorts(3)
        let values = ["DIR": bench.root, "PORT_FRONT": "\(ports[0])", "PORT_A": "\(ports[1])", "PORT_B": "\(ports[2])"]
        let confPath = bench.root + "/etc/nginx/nginx.conf"
        let original = try bench.fixture("nginx-lb.conf", values)
        try bench.write(confPath, original)
        try bench.write(bench.services + "/nginx.run", "#!/bin/sh\nexec nginx -c \(confPath) -g 'daemon off;'\n", executable: true)
        try bench.control("start", "nginx")
        let front = "http://127.0.0.1:\(ports[0])/"
        #expect(bench.eventually { bench.get(front) == "apiserver-a\n" }, "nginx serves the old pool")

        let updated = original.replacingOccurrences(of: "server 127.0.0.1:\(ports[1]);", with: "server 127.0.0.1:\(ports[2]);")
        #expect(updated != original)
        let file = PlannedFile(path: confPath, displayPath: "/etc/nginx/nginx.conf", kind: .nginx, component: "load-balancer",
                               services: ["nginx"], original: Array(original.utf8), updated: Array(updated.utf8), validation: .nginx)
        var options = bench.options()
        options.probes = [front]
        let result = Transaction(options: options, context: bench.context).apply([file])
        #expect(result.outcome == .changed, "\(result.messages)")
        #expect(result.services == [ServiceOutcome(name: "nginx", action: "reload", result: "reloaded")])
        #expect(bench.eventually { bench.get(front) == "apiserver-b\n" }, "nginx serves the new pool")
        #expect(try bench.control("is-active", "nginx") == 0)

        let broken = updated.replacingOccurrences(of: "least_conn;", with: "least_conn;\n    no_such_directive on;")
        let bad = PlannedFile(path: confPath, displayPath: "/etc/nginx/nginx.conf", kind: .nginx, component: "load-balancer",
                              services: ["nginx"], original: Array(updated.utf8), updated: Array(broken.utf8), validation: .nginx)
        let refused = Transaction(options: options, context: bench.context).apply([bad])
        #expect(refused.outcome == .rolledBack && refused.exitCode == 3, "\(refused.messages)")
        #expect(refused.messages.contains("Rollback finished"))
        #expect(refused.messages.contains { $0.contains("nginx refused the new /etc/nginx/nginx.conf") })
        #expect(try Array(String(contentsOfFile: confPath, encoding: .utf8).utf8) == Array(updated.utf8), "byte-identical")
        #expect(bench.get(front) == "apiserver-b\n", "still serving on the old config")
        #expect(try bench.control("is-active", "nginx") == 0)
    }
}
