import Foundation
import Testing
@testable import ConfigFormats

/// A real nginx on 127.0.0.1 proxies a stream upstream of two tiny local servers; the pool is
/// rewritten to only the second, nginx reloads, and new connections reach only the second.
@Suite("A rewritten pool takes effect in a running nginx after reload")
struct NginxReloadTests {
    @Test("after the rewrite and nginx -s reload, connections reach only the remaining server",
          .enabled(if: RealPrograms.nginxReady || RealPrograms.isCI, "nginx or its stream module is not installed"))
    func reload() throws {
        let nginx = try #require(RealPrograms.nginxReady ? RealPrograms.nginx : nil, "nginx with the stream module is required in CI")
        let first = try TinyTCPServer(reply: "first")
        let second = try TinyTCPServer(reply: "second")
        defer {
            first.stop()
            second.stop()
        }
        let listenPort = try TinyTCPServer.freePort()
        let dir = try RealPrograms.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = """
            load_module \(RealPrograms.streamModule);
            worker_processes 1;
            error_log \(dir.path)/error.log notice;
            pid \(dir.path)/nginx.pid;
            events { worker_connections 64; }
            stream {
                upstream kube_apiserver {
                    server 127.0.0.1:\(first.port) max_fails=1;
                    server 127.0.0.1:\(second.port) max_fails=1;
                }
                server {
                    listen 127.0.0.1:\(listenPort);
                    proxy_pass kube_apiserver;
                    proxy_connect_timeout 1s;
                }
            }

            """
        let file = dir.appendingPathComponent("nginx.conf")
        try Data(text.utf8).write(to: file)
        let control = ["-p", dir.path + "/", "-c", file.path, "-e", dir.path + "/error.log"]
        // In the foreground (daemon off) as our child, so it is ours to stop.
        let master = Process()
        master.executableURL = URL(fileURLWithPath: nginx)
        master.arguments = control + ["-g", "daemon off;"]
        master.standardInput = FileHandle.nullDevice
        try master.run()
        defer {
            _ = try? RealPrograms.run(nginx, control + ["-s", "stop"])
            if master.isRunning { master.terminate() }
            master.waitUntilExit()
        }
        var ready = false
        for _ in 0..<100 where !ready {
            ready = fetch(listenPort) != nil
            if !ready { Thread.sleep(forTimeInterval: 0.05) }
        }
        try #require(ready, "nginx did not start listening on 127.0.0.1:\(listenPort)")

        let before = Set((0..<6).compactMap { _ in fetch(listenPort) })
        #expect(before == ["first", "second"], "round robin should reach both servers before the rewrite")

        let config = try NginxConfig(SourceText(bytes: Array(text.utf8)))
        let pool = try #require(config.apiserverPools().first)
        let rewritten = try config.source.applying(config.patches(settingPool: pool, to: ["127.0.0.1:\(second.port)"]))
        #expect(try NginxConfig(rewritten).pools.first?.servers.count == 1)
        try Data(rewritten.bytes).write(to: file)
        let reload = try RealPrograms.run(nginx, control + ["-s", "reload"])
        try #require(reload.status == 0, "\(reload.output)")

        // The reload is asynchronous: wait (bounded) until the new workers answer, then check.
        var streak = 0
        for _ in 0..<100 where streak < 3 {
            streak = fetch(listenPort) == "second" ? streak + 1 : 0
            if streak < 3 { Thread.sleep(forTimeInterval: 0.05) }
        }
        try #require(streak == 3, "nginx never switched to the rewritten pool")
        let after = (0..<6).compactMap { _ in fetch(listenPort) }
        #expect(after == Array(repeating: "second", count: 6))
    }

    private func fetch(_ port: UInt16) -> String? {
        TinyTCPServer.fetch(port: port)
    }
}
