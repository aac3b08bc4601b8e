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
            let isPod = root["kind"]?.scalar?.text == "Pod"
            let podName = isPod ? root.scalar(at: ["metadata", "name"])?.text : nil
            let podNamespace = isPod ? root.scalar(at: ["metadata", "namespace"])?.text : nil
            for podSpec in try Self.podSpecs(in: root) {
                let volumes = Self.hostPathVolumes(of: podSpec)
                for (key, isInit) in [("initContainers", true), ("containers", false)] {
                    guard let list = try podSpec.child(key) else { continue }
                    for item in list.items {
                        var container = try Self.container(item, isInit: isInit, documentIndex: index)
                        container.mounts = Self.mounts(of: item, volumes: volumes)
                        container.podName = podName
                        container.podNamespace = podNamespace
                        containers.append(container)
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

    /// `volumes:` of a pod spec: each volume's name and, for a `hostPath:` volume, its node path.
    /// Read leniently (a volume written in a form this reader does not follow has no host path):
    /// these only tell where a file the command names lives, they are never rewritten.
    private static func hostPathVolumes(of podSpec: YAMLNode) -> [String: String?] {
        var volumes: [String: String?] = [:]
        for item in podSpec["volumes"]?.items ?? [] {
            guard let name = item["name"]?.scalar?.text else { continue }
            volumes[name] = item.scalar(at: ["hostPath", "path"])?.text
        }
        return volumes
    }

    /// A container's `volumeMounts:`, with the host path of each mounted `hostPath:` volume.
    private static func mounts(of container: YAMLNode, volumes: [String: String?]) -> [PodMount] {
        (container["volumeMounts"]?.items ?? []).compactMap { item in
            guard let mountPath = item["mountPath"]?.scalar?.text, let name = item["name"]?.scalar?.text else { return nil }
            return PodMount(mountPath: mountPath, volume: name, hostPath: volumes[name] ?? nil,
                            subPath: item["subPath"]?.scalar?.text, line: item.line)
        }
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
