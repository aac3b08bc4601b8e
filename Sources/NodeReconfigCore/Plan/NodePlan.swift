/// Every file of the node, planned: what `plan` prints and what `apply` hands the transaction.
public struct NodePlan: Sendable, Equatable {
    public var files: [FilePlan]
    /// The TLS files and tokens the node's files name (for the preflight; never rewritten).
    public var credentials: [CredentialReference]
    /// What discovery noticed (`note: …` lines, JSON `findings`).
    public var findings: [Finding]
    /// Target flags no file on the node holds (`--drain matched nothing: …`, JSON `unmatched`).
    public var unmatched: [Unmatched]

    public init(files: [FilePlan], credentials: [CredentialReference] = [], findings: [Finding] = [], unmatched: [Unmatched] = []) {
        self.files = files
        self.credentials = credentials
        self.findings = findings
        self.unmatched = unmatched
    }

    public var changedFiles: [FilePlan] { files.filter(\.changed) }
    public var hasChanges: Bool { files.contains(where: \.changed) }

    /// Discovers the node's files and rewrites each in memory. Throws before anything is written
    /// when nothing is found, when any file cannot be parsed or rewritten safely, and when the
    /// pool `--apiservers`/`--drain` asks for is behind a load balancer that was not found.
    public static func make(discovery: Discovery, targets: Targets) throws(NodeReconfigError) -> NodePlan {
        let found = try discovery.discover()
        guard !found.files.isEmpty else {
            throw .nothingFound(root: discovery.root, only: discovery.only)
        }
        if targets.apiservers != nil || targets.drain != nil, let hidden = found.findings.first(where: \.hidesThePool) {
            throw .loadBalancerNotFound(hidden)
        }
        let targets = found.placing(targets)
        var files = try found.files.map { file throws(NodeReconfigError) in try plan(file, targets: targets) }
        var reasons = DiscoveryResult.onThisNode(files.flatMap { $0.edits.map(\.left) }, found)[...]
        for index in files.indices {
            for edit in files[index].edits.indices { files[index].edits[edit].left = reasons.removeFirst() }
        }
        return NodePlan(files: files, credentials: found.credentials, findings: found.findings,
                        unmatched: Unmatched.of(files, targets: targets))
    }

    /// One file rewritten in memory by its kind's handler. Pure: no I/O.
    public static func plan(_ file: DiscoveredFile, targets: Targets) throws(NodeReconfigError) -> FilePlan {
        let handler = file.kind.handler
        let source = try NodeReconfigError.reading(file.displayPath) { () throws(FormatError) in try SourceText(bytes: file.bytes) }
        let plan = try handler.plan(file, source: source, targets: targets)
        if plan.changed {
            // Defence in depth: what we would write must parse again.
            do {
                try handler.check(try SourceText(bytes: plan.updated))
            } catch {
                throw .internalError("the rewritten \(file.displayPath) does not parse again (\(error)); nothing was changed")
            }
        }
        return plan
    }
}

extension Unmatched {
    /// The target flags of `targets` that no planned file holds a value for.
    static func of(_ files: [FilePlan], targets: Targets) -> [Unmatched] {
        func holds(_ role: Role) -> Bool {
            files.contains { file in
                file.edits.contains { edit in
                    edit.role == role && [.variableReference, .empty, .notOldMaster].allSatisfy { edit.left != $0 }
                }
            }
        }
        var unmatched: [Unmatched] = []
        if targets.master != nil, !holds(.master) {
            let reason = targets.oldMasters.isEmpty ? "no file on this node holds an apiserver URL"
                : "no file on this node holds an apiserver URL that is an --old-master"
            unmatched.append(Unmatched(flag: "--master", reason: reason))
        }
        if targets.etcd != nil, !holds(.etcd) {
            unmatched.append(Unmatched(flag: "--etcd", reason: "no file on this node holds etcd endpoints"))
        }
        if targets.etcdMembers != nil, !holds(.members) {
            unmatched.append(Unmatched(flag: "--etcd-members", reason: "this node is no etcd member: no file holds an etcd membership list"))
        }
        if targets.apiservers != nil, !files.contains(where: { $0.edits.contains { $0.role == .pool && !$0.isDrain } }) {
            unmatched.append(Unmatched(flag: "--apiservers", reason: "no load-balancer pool on this node"))
        }
        if let drain = targets.drain, !drain.isEmpty, !files.contains(where: { $0.edits.contains(where: \.isDrain) }) {
            let pools = files.contains { file in
                guard let handler = file.file.kind.handler as? any PoolHandler, let source = try? SourceText(bytes: file.updated) else { return false }
                return !((try? handler.config(source).pools) ?? []).isEmpty
            }
            let reason = pools ? "no load-balancer pool on this node holds \(drain.map(\.description).joined(separator: ", "))"
                : "no load-balancer pool on this node"
            unmatched.append(Unmatched(flag: "--drain", reason: reason))
        }
        return unmatched
    }
}
