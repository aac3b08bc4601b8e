/// OpenShift 3.x `master-config.yaml`, as far as node-reconfig reads it: the etcd client URLs the
/// master API and controllers use, `etcdClientInfo.urls` (a YAML list, one URL an item), the TLS
/// files it reaches them with (`ca`, `certFile`, `keyFile`, relative to the file's directory),
/// and the kubeconfig the master uses for itself (`masterClients.openshiftLoopbackKubeConfig`).
/// The master's own URLs are not read.
///
///     etcdClientInfo:
///       ca: master.etcd-ca.crt
///       certFile: master.etcd-client.crt
///       keyFile: master.etcd-client.key
///       urls:
///       - https://master1.example.com:2379
public struct OpenShiftMasterConfig: Sendable {
    public let document: YAMLDocument
    /// `etcdClientInfo.urls`, when the file has it.
    public let etcdURLs: YAMLStringList?
    /// `etcdClientInfo.ca`, `certFile`, `keyFile` that are set, in that order.
    public let etcdClientFiles: [(key: String, path: YAMLScalar)]
    /// `masterClients.openshiftLoopbackKubeConfig`, when set.
    public let loopbackKubeConfig: YAMLScalar?

    public init(_ source: SourceText) throws(FormatError) {
        try self.init(document: YAMLDocument(source))
    }

    public init(document: YAMLDocument) throws(FormatError) {
        self.document = document
        let root = document.root.flatMap { $0.isMapping ? $0 : nil }
        loopbackKubeConfig = try root.flatMap { root throws(FormatError) in try root.child("masterClients")?.child("openshiftLoopbackKubeConfig")?.scalar }
            .flatMap { $0.text.isEmpty ? nil : $0 }
        guard let root, let info = try root.child("etcdClientInfo") else {
            etcdURLs = nil
            etcdClientFiles = []
            return
        }
        guard info.isMapping || { if case .empty = info.kind { return true } else { return false } }() else {
            throw FormatError(line: info.line + 1, "'etcdClientInfo' is not a mapping of ca, certFile, keyFile and urls")
        }
        var files: [(key: String, path: YAMLScalar)] = []
        for key in ["ca", "certFile", "keyFile"] {
            if let scalar = try info.child(key)?.scalar, !scalar.text.isEmpty { files.append((key, scalar)) }
        }
        etcdClientFiles = files
        guard let entry = info.entries.first(where: { $0.key == "urls" }), let urls = try info.child("urls") else {
            etcdURLs = nil
            return
        }
        etcdURLs = try YAMLStringList(urls, keyLine: entry.line, key: "etcdClientInfo.urls")
    }

    public var source: SourceText { document.source }

    /// The file's bytes, unchanged.
    public func render() -> [UInt8] { document.render() }
}

/// OpenShift 3.x `node-config.yaml`, as far as node-reconfig reads it: `masterKubeConfig`, the
/// kubeconfig the node reaches the master with (relative to the file's directory: `node.kubeconfig`,
/// or 3.9's `system:node:NAME.kubeconfig`). It holds no address itself.
public struct OpenShiftNodeConfig: Sendable {
    public let document: YAMLDocument
    /// `masterKubeConfig`, when set.
    public let masterKubeConfig: YAMLScalar?

    public init(_ source: SourceText) throws(FormatError) {
        document = try YAMLDocument(source)
        let root = document.root.flatMap { $0.isMapping ? $0 : nil }
        masterKubeConfig = try root.flatMap { root throws(FormatError) in try root.child("masterKubeConfig")?.scalar }.flatMap { $0.text.isEmpty ? nil : $0 }
    }

    public var source: SourceText { document.source }

    /// The file's bytes, unchanged.
    public func render() -> [UInt8] { document.render() }
}
