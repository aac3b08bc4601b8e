/// A static pod manifest (or any manifest holding pod specs): every container's command line.
///
/// Reads `spec.containers[]` and `spec.initContainers[]` of every document, and the pod
/// template of workload objects (`spec.template.spec`), so that flags in `command:` and `args:`
/// can be rewritten in place.
public struct PodManifest: Sendable {
    public let document: YAMLDocument
    /// Containers of every document, in file order.
    public let containers: [PodContainer]

    public init(_ source: SourceText) throws(FormatError) {
        try self.init(document: YAMLDocument(source))
    }

    public init(document: YAMLDocument) throws(FormatError) {
        self.document = document
        var containers: [PodContainer] = []
        for (index, root) in document.documents.enumerated() where root.isMapping {
            for podSpec in try Self.podSpecs(in: root) {
                for (key, isInit) in [("initContainers", true), ("containers", false)] {
                    guard let list = try podSpec.child(key) else { continue }
                    for item in list.items {
                        containers.append(try Self.container(item, isInit: isInit, documentIndex: index))
                    }
                }
            }
        }
        self.containers = containers
    }

    public var source: SourceText { document.source }

    public func render() -> [UInt8] { document.render() }

    /// True when `source` has a `kind: Pod` line or a `containers:` key.
    public static func looksLike(_ source: SourceText) -> Bool {
        source.lines.contains { line in
            let text = line.text.drop(while: { $0 == " " })
            return text.hasPrefix("kind: Pod") && text.dropFirst(9).allSatisfy({ $0 == " " || $0 == "\t" })
                || text.hasPrefix("containers:") || text.hasPrefix("- containers:")
        }
    }

    private static func podSpecs(in root: YAMLNode) throws(FormatError) -> [YAMLNode] {
        guard let spec = try root.child("spec") else { return [] }
        var specs = [spec]
        if let template = try spec.child("template"), let templateSpec = try template.child("spec") {
            specs.append(templateSpec)
        }
        return specs
    }

    private static func container(_ item: YAMLNode, isInit: Bool, documentIndex: Int) throws(FormatError) -> PodContainer {
        try item.requireUndecorated()
        var words: [ValueToken] = []
        var complete = true
        for key in ["command", "args"] {
            guard let list = try item.child(key) else { continue }
            switch list.kind {
            case .sequence(let items):
                for word in items {
                    try word.requireUndecorated()
                    if let scalar = word.scalar { words.append(scalar.token) } else { complete = false }
                }
            case .flow(let items?):
                words.append(contentsOf: items.map(\.token))
            case .empty:
                break
            default:
                complete = false
            }
        }
        let name = try item.child("name")?.scalar?.text
        return PodContainer(name: name, isInit: isInit, commandWords: words, isComplete: complete, documentIndex: documentIndex, line: item.line,
                            livenessProbe: HTTPGetAction.reading(item["livenessProbe"]))
    }
}
