// TestSupport is a plain target, so `swift build -c release` compiles it without the testing
// library's search paths: the tag exists where Testing does.
#if canImport(Testing)
import Testing

extension Tag {
    /// Tests that take many seconds (the migration rehearsal, injected system-call failures over
    /// whole runs): `swift test --skip .slow` leaves them out of a quick run.
    @Tag public static var slow: Self
}
#endif
