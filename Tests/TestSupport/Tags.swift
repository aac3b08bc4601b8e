// TestSupport is a plain target, so `swift build -c release` compiles it without the testing
// library's search paths: the tag exists where Testing does.
#if canImport(Testing)
import Testing

extension Tag {
    /// Tests that take many seconds (injected system-call failures over whole runs, the migration
    /// rehearsal): a tag-aware runner can leave them out of a quick run.
    @Tag public static var slow: Self
}
#endif
