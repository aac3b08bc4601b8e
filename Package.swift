// swift-tools-version:6.0
// node-reconfig: rewrites a Kubernetes node's control-plane addresses, byte for byte.
// Design rule: no package dependencies (toolchain only).
import PackageDescription

let package = Package(
    name: "node-reconfig",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "node-reconfig", targets: ["node-reconfig"]),
    ],
    targets: [
        // Pure: bytes -> document -> bytes. No I/O.
        .target(name: "ConfigFormats"),
        // Planning, transaction, commands; effects through Context protocols.
        .target(name: "NodeReconfigCore", dependencies: ["ConfigFormats"]),
        // Thin entry point.
        .executableTarget(name: "node-reconfig", dependencies: ["NodeReconfigCore"]),
        // Locates ../shared/corpus and fixtures/ for every test target.
        .target(name: "TestSupport", dependencies: ["ConfigFormats"], path: "Tests/TestSupport"),
        .testTarget(name: "ConfigFormatsTests", dependencies: ["ConfigFormats", "TestSupport"]),
        .testTarget(name: "NodeReconfigCoreTests", dependencies: ["NodeReconfigCore", "ConfigFormats", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["NodeReconfigCore", "ConfigFormats", "TestSupport"]),
        // Fuzzing, injected system-call faults, full disks, signals, races, hostile input, security.
        .testTarget(name: "HardeningTests", dependencies: ["NodeReconfigCore", "ConfigFormats", "TestSupport"]),
    ]
)
