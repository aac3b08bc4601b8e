/// OpenShift 3.x `master-config.yaml`, as far as node-reconfig reads it: the etcd client URLs the
/// master API and controllers use, `etcdClientInfo.urls` (a YAML list, one URL an item). The
/// other keys of `etcdClientInfo` (`ca`, `certFile`, `keyFile`) and the master's own URLs are
/// not read.
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

    public init(_ source: SourceText) throws(FormatError) {
        try self.init(document: YAMLDocument(source))
    }

    public init(document: YAMLDocument) throws(FormatError) {
        self.document = document
        guard let root = document.root, root.isMapping, let info = try root.child("etcdClientInfo") else {
            etcdURLs = nil
            return
        }
        guard info.isMapping || { if case .empty = info.kind { return true } else { return false } }() else {
            throw FormatError(line: info.line + 1, "'etcdClientInfo' is not a mapping of ca, certFile, keyFile and urls")
        }
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
