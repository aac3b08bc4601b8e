import Foundation

/// The unified diffs in `plan`'s human output, applied back onto the original files: what `apply`
/// must produce, byte for byte.
struct UnifiedDiff {
    struct Hunk {
        var oldStart: Int
        var lines: [Substring]
    }

    /// Path (as `/etc/...`) → hunks, in the order printed.
    private(set) var files: [(path: String, hunks: [Hunk])] = []

    init(parsing output: String) {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            if line.hasPrefix("+++ b/") {
                files.append((String(line.dropFirst("+++ b".count)), []))
            } else if line.hasPrefix("@@ -"), !files.isEmpty {
                let (oldStart, oldCount, newCount) = Self.header(line)
                var hunk = Hunk(oldStart: oldStart, lines: [])
                var old = 0, new = 0
                while (old < oldCount || new < newCount || lines[safe: index]?.hasPrefix("\\") == true), index < lines.count {
                    let body = lines[index]
                    index += 1
                    hunk.lines.append(body)
                    if body.hasPrefix(" ") || body.isEmpty { old += 1; new += 1 }
                    if body.hasPrefix("-") { old += 1 }
                    if body.hasPrefix("+") { new += 1 }
                }
                files[files.count - 1].hunks.append(hunk)
            }
        }
    }

    /// `@@ -a,b +c,d @@` → (a, b, d); a missing count is 1.
    private static func header(_ line: Substring) -> (Int, Int, Int) {
        let fields = line.split(separator: " ")
        func pair(_ field: Substring) -> (Int, Int) {
            let parts = field.dropFirst().split(separator: ",")
            return (Int(parts[0]) ?? 0, parts.count > 1 ? Int(parts[1]) ?? 0 : 1)
        }
        let old = pair(fields[1]), new = pair(fields[2])
        return (old.0, old.1, new.1)
    }

    /// `original` with this file's hunks applied (nil when a context or removed line does not match).
    static func apply(_ hunks: [Hunk], to original: [UInt8]) -> [UInt8]? {
        var lines = Self.lines(original)
        var offset = 0
        for hunk in hunks {
            var position = max(hunk.oldStart - 1, 0) + offset
            var index = 0
            while index < hunk.lines.count {
                let body = hunk.lines[index]
                let noNewline = hunk.lines[safe: index + 1]?.hasPrefix("\\") == true
                let content = Array(body.dropFirst().utf8) + (noNewline ? [] : [UInt8(ascii: "\n")])
                switch body.first {
                case "-":
                    guard position < lines.count, lines[position] == content else { return nil }
                    lines.remove(at: position)
                    offset -= 1
                case "+":
                    lines.insert(content, at: position)
                    position += 1
                    offset += 1
                case "\\": break
                default:
                    guard position < lines.count, lines[position] == content else { return nil }
                    position += 1
                }
                index += 1
            }
        }
        return lines.flatMap { $0 }
    }

    /// Lines with their `\n` kept.
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var current: [UInt8] = []
        for byte in bytes {
            current.append(byte)
            if byte == UInt8(ascii: "\n") { out.append(current); current = [] }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
