// TestSupport is a plain target, so `swift build -c release` compiles it without the testing
// library's search paths: the tag exists where Testing does.
#if canImport(Testing)
import Foundation
import Testing

extension Tag {
    /// Tests that take many seconds (real processes over whole runs: fuzzing, signals, injected
    /// system-call failures, simulated ssh hosts, ansible-playbook, the migration rehearsal).
    @Tag public static var slow: Self
}

extension Trait where Self == ConditionTrait {
    /// Left out of a quick run, `NODE_RECONFIG_QUICK=1 swift test` (a developer's loop: the fast
    /// suite in well under a minute). `swift test` runs it, and so does CI: under `CI=true` the
    /// variable is ignored, so CI cannot pass by leaving tests out. Goes with `.tags(.slow)`.
    public static var notInQuickRun: Self {
        let environment = ProcessInfo.processInfo.environment
        return .disabled(if: environment["NODE_RECONFIG_QUICK"] == "1" && environment["CI"] != "true",
                         "slow: NODE_RECONFIG_QUICK=1 leaves it out")
    }
}
#endif
