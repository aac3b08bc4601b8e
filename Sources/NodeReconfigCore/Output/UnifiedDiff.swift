/// `diff -u` output for `plan` and Ansible's diff mode: `--- old`, `+++ new`, `@@ -l,n +l,n @@`
/// hunks with context, `\ No newline at end of file`, CRLF kept inside the lines.
///
/// The edit script is Myers' O(ND) algorithm after trimming the common head and tail, kept as
/// runs of lines (not one entry per line), so a 100k-line file with a few changes costs little
/// and a 50 MB file replaced by ten lines costs a few runs. `patch` applies the output exactly.
public enum UnifiedDiff {
    /// Output is handed on in pieces of about this many bytes, each ending with a whole line.
    static let chunkSize = 1 << 17

    /// Renders the diff of two files given as lines, each with its own ending (`"a\n"`,
    /// `"b\r\n"`; the last one may have none; empty strings are no lines). Returns `""` when
    /// they are equal.
    static func render(old: [String], new: [String], oldLabel: String, newLabel: String, context: Int = 3) -> String {
        collect { write(old: old, new: new, oldLabel: oldLabel, newLabel: newLabel, context: context, to: $0) }
    }

    /// The diff `render(old:new:…)` returns, handed to `sink` in pieces (each whole lines, the
    /// last ending with `\n`) as it is made, so the whole diff is never held at once. Nothing
    /// is handed on when the files are equal.
    public static func write(old: [String], new: [String], oldLabel: String, newLabel: String, context: Int = 3,
                             to sink: (String) -> Void) {
        write(DiffLines(lines: old), DiffLines(lines: new), oldLabel: oldLabel, newLabel: newLabel, context: context, to: sink)
    }

    /// The diff of two files given as bytes, split after every `\n` (no copy of any line is made
    /// but the ones printed), handed to `sink` in pieces of whole lines.
    public static func write(oldBytes: [UInt8], newBytes: [UInt8], oldLabel: String, newLabel: String, context: Int = 3,
                             to sink: (String) -> Void) {
        write(DiffLines(bytes: oldBytes), DiffLines(bytes: newBytes), oldLabel: oldLabel, newLabel: newLabel, context: context, to: sink)
    }

    /// Splits after every `\n`, keeping the endings (`\r\n` stays whole); a last line without
    /// a newline is kept as it is. `""` has no lines.
    static func lines(of text: String) -> [String] {
        var result: [String] = []
        let utf8 = Array(text.utf8)
        var start = 0
        for (i, byte) in utf8.enumerated() where byte == UInt8(ascii: "\n") {
            result.append(String(decoding: utf8[start...i], as: UTF8.self))
            start = i + 1
        }
        if start < utf8.count { result.append(String(decoding: utf8[start...], as: UTF8.self)) }
        return result
    }

    /// The pieces `body` hands on, as one string.
    private static func collect(_ body: ((String) -> Void) -> Void) -> String {
        var result = ""
        body { result += $0 }
        return result
    }

    static func write(_ old: DiffLines, _ new: DiffLines, oldLabel: String, newLabel: String, context: Int,
                      to sink: (String) -> Void) {
        let runs = editScript(old, new)
        guard runs.contains(where: { $0.kind != .equal }) else { return }
        var out: [UInt8] = []
        out.reserveCapacity(chunkSize + 4096)
        out += "--- \(oldLabel)\n+++ \(newLabel)\n".utf8
        var cursor = 0
        for range in hunks(runs, context: max(0, context)) {
            while runs[cursor].end <= range.lowerBound { cursor += 1 }
            var oldCount = 0, newCount = 0
            var first: (old: Int, new: Int)?
            forEachPiece(of: runs, from: cursor, in: range) { kind, oldIndex, newIndex, count in
                if first == nil { first = (oldIndex, newIndex) }
                if kind != .insert { oldCount += count }
                if kind != .delete { newCount += count }
            }
            guard let first else { continue }
            out += "@@ -\(position(first.old, oldCount)) +\(position(first.new, newCount)) @@\n".utf8
            forEachPiece(of: runs, from: cursor, in: range) { kind, oldIndex, newIndex, count in
                for offset in 0..<count {
                    switch kind {
                    case .equal: old.append(oldIndex + offset, prefix: UInt8(ascii: " "), to: &out)
                    case .delete: old.append(oldIndex + offset, prefix: UInt8(ascii: "-"), to: &out)
                    case .insert: new.append(newIndex + offset, prefix: UInt8(ascii: "+"), to: &out)
                    }
                    if out.count >= chunkSize {
                        sink(String(decoding: out, as: UTF8.self))
                        out.removeAll(keepingCapacity: true)
                    }
                }
            }
        }
        if !out.isEmpty { sink(String(decoding: out, as: UTF8.self)) }
    }

    /// `l,n` as diff writes it: `l` alone when n is 1; for an empty range, the line before it.
    private static func position(_ index: Int, _ count: Int) -> String {
        switch count {
        case 0: return "\(index),0"
        case 1: return "\(index + 1)"
        default: return "\(index + 1),\(count)"
        }
    }
}
