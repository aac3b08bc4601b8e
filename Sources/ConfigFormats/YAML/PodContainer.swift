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
    /// The container's `volumeMounts:`, each with its `hostPath:` volume when it has one.
    public var mounts: [PodMount]

    public init(name: String?, isInit: Bool, commandWords: [ValueToken], isComplete: Bool, documentIndex: Int, line: Int,
                mounts: [PodMount] = []) {
        self.name = name
        self.isInit = isInit
        self.commandWords = commandWords
        self.isComplete = isComplete
        self.documentIndex = documentIndex
        self.line = line
        self.mounts = mounts
    }
}
