/// One container of a pod spec: its name and its command line as tokens.
public struct PodContainer: Sendable, Equatable {
    /// The container's `name:`, when it has one.
    public var name: String?
    /// True for an entry of `initContainers:`.
    public var isInit: Bool
    /// The items of `command:` then `args:`, in order, one token per item (inside quotes).
    public var commandWords: [ValueToken]
    /// False when an item of `command:`/`args:` (or the list itself) is something other than a
    /// one-line scalar (a block scalar, a multi-line flow list…): those words are not exposed.
    public var isComplete: Bool
    /// Index of the YAML document holding the container.
    public var documentIndex: Int
    /// 0-based line where the container's list item starts.
    public var line: Int
    /// The container's `livenessProbe.httpGet`, when it has one.
    public var livenessProbe: HTTPGetAction?
    /// The container's `volumeMounts:`, each with its `hostPath:` volume when it has one.
    public var mounts: [PodMount]
    /// The pod it belongs to, when its document is a `kind: Pod` (a static pod): its
    /// `metadata.name` and `metadata.namespace` (nil when not written).
    public var podName: String?
    public var podNamespace: String?

    public init(name: String?, isInit: Bool, commandWords: [ValueToken], isComplete: Bool, documentIndex: Int, line: Int,
                livenessProbe: HTTPGetAction? = nil, mounts: [PodMount] = []) {
        self.name = name
        self.isInit = isInit
        self.commandWords = commandWords
        self.isComplete = isComplete
        self.documentIndex = documentIndex
        self.line = line
        self.livenessProbe = livenessProbe
        self.mounts = mounts
    }
}

/// A probe's `httpGet:` as written: what kubelet asks to call the container alive.
public struct HTTPGetAction: Sendable, Equatable {
    /// `host:`; nil when absent (kubelet then uses the pod's IP: the node's for a host-network
    /// static pod).
    public var host: String?
    /// `port:`, a number or a named port as written.
    public var port: String
    /// `path:`; nil when absent.
    public var path: String?
    /// `scheme:` (`HTTP` or `HTTPS`); nil when absent (HTTP).
    public var scheme: String?
    /// 0-based line of `httpGet:`.
    public var line: Int

    public init(host: String?, port: String, path: String?, scheme: String?, line: Int) {
        self.host = host
        self.port = port
        self.path = path
        self.scheme = scheme
        self.line = line
    }

    /// Reads `httpGet:` under `probe` (a `livenessProbe:` value); nil without a port.
    static func reading(_ probe: YAMLNode?) -> HTTPGetAction? {
        guard let get = probe?["httpGet"], let port = get["port"]?.scalar?.text else { return nil }
        return HTTPGetAction(host: get["host"]?.scalar?.text, port: port, path: get["path"]?.scalar?.text,
                             scheme: get["scheme"]?.scalar?.text, line: get.line)
    }
}
