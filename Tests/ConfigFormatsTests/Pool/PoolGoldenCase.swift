import TestSupport
import ConfigFormats

/// One golden rewrite: an input file, what is asked (`--apiservers` or `--drain`), and the exact
/// expected output, written as the input with some exact text replaced (so no corpus file is
/// copied into the repository, and every byte outside the replacements must stay as it was).
struct PoolGoldenCase: Sendable, CustomStringConvertible {
    enum Action: Sendable {
        case set([String])
        case drain(Set<String>)
    }

    var name: String
    /// `corpus:7-lb-nginx-haproxy/…` or `fixture:formats/…`.
    var file: String
    var action: Action
    var lbPool: String? = nil
    /// (old text, new text); each old text must occur exactly once in the input. Empty: unchanged.
    var replacements: [(String, String)]

    var description: String { name }
    var isCorpus: Bool { file.hasPrefix("corpus:") }
    var isNginx: Bool { file.hasSuffix(".conf") }
    var relativePath: String { String(file.drop(while: { $0 != ":" }).dropFirst()) }

    func source() throws -> SourceText {
        isCorpus ? try Corpus.source(corpus: relativePath) : try Corpus.source(fixture: relativePath)
    }

    /// Parses `source` with the format the file name says.
    func config(_ source: SourceText) throws -> any LoadBalancerConfig {
        isNginx ? try NginxConfig(source) : try HAProxyConfig(source)
    }

    func patches(_ config: any LoadBalancerConfig) throws -> [Patch] {
        switch action {
        case .set(let entries): return try config.patches(settingApiserverPoolsTo: entries, lbPool: lbPool)
        case .drain(let entries): return config.patches(draining: entries)
        }
    }

    /// The rewritten text: the input with the replacements made.
    func expected(from input: String) -> String? {
        var text = input
        for (old, new) in replacements {
            guard let range = text.firstRange(of: old), text[range.upperBound...].firstRange(of: old) == nil else { return nil }
            text.replaceSubrange(range, with: new)
        }
        return text
    }
}
