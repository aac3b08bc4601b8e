#if canImport(Glibc)
import Glibc
#endif

/// The real `Output`: text to file descriptors 1 and 2, written whole (partial writes resumed).
/// A closed stream (an ssh session gone, EPIPE) is ignored: losing a progress line must never
/// stop a rollback. Needs SIGPIPE ignored, which `Signals.install()` does. Control characters
/// (file content can hold terminal escapes) are shown, not sent: see `TerminalText`.
public struct StandardStreams: Output {
    public init() {}

    public func standardOutput(_ text: String) { Self.write(1, text) }

    public func standardError(_ text: String) { Self.write(2, text) }

    /// Writes the text's own UTF-8 storage (no copy unless a control character had to be shown).
    private static func write(_ fd: Int32, _ text: String) {
        var shown = TerminalText.neutralized(text)
        shown.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return }
                offset += count
            }
        }
    }
}
