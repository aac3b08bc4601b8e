/// One member as an etcd member list reports it.
public struct EtcdMemberStatus: Sendable, Equatable, CustomStringConvertible {
    public var id: String
    /// Empty for a member added but not started yet.
    public var name: String
    public var peerURLs: [String]
    public var clientURLs: [String]

    public init(id: String, name: String, peerURLs: [String], clientURLs: [String]) {
        self.id = id
        self.name = name
        self.peerURLs = peerURLs
        self.clientURLs = clientURLs
    }

    public var description: String {
        "\(name.isEmpty ? "(unstarted)" : name)=\(peerURLs.joined(separator: ","))"
    }
}

/// What one etcd client URL says about its cluster: the cluster ID (hex, as etcdctl prints it)
/// and the member list.
public struct EtcdClusterView: Sendable, Equatable {
    public var clusterID: String
    public var members: [EtcdMemberStatus]

    public init(clusterID: String, members: [EtcdMemberStatus]) {
        self.clusterID = clusterID
        self.members = members
    }
}

/// etcd's HTTP API as request values and readers of its answers: `/health` (every version),
/// the v3 gRPC gateway's member list (`POST …/cluster/member/list` with `{}`: `/v3/` from 3.4,
/// `/v3beta/` in 3.3–3.4, `/v3alpha/` up to 3.3) and, for etcd 2 (and 3.x with v2 on),
/// `GET /v2/members` with the cluster ID in its `X-Etcd-Cluster-Id` header.
public enum EtcdAPI {
    public static func health(_ base: String, tls: TLSFiles?, timeout: Double) -> HTTPCheck {
        HTTPCheck(url: base + "/health", tls: tls, timeout: timeout)
    }

    /// The member-list requests to try in turn, newest API first.
    public static func memberLists(_ base: String, tls: TLSFiles?, timeout: Double) -> [HTTPCheck] {
        ["/v3", "/v3beta", "/v3alpha"].map { HTTPCheck(method: "POST", url: base + $0 + "/cluster/member/list", body: "{}", tls: tls, timeout: timeout) }
            + [HTTPCheck(url: base + "/v2/members", tls: tls, timeout: timeout)]
    }

    /// `{"health":"true"}` (or `true`) with a 2xx status.
    public static func isHealthy(_ response: HTTPResponse) -> Bool {
        guard response.isSuccess, let json = try? JSONValue.parse(response.body) else { return false }
        return json["health"]?.stringValue == "true" || json["health"]?.boolValue == true
    }

    /// The cluster from a member-list answer (v3 gateway JSON or v2 members JSON); nil when the
    /// answer is not one (404 from an etcd without that API, an error object).
    public static func view(_ response: HTTPResponse) -> EtcdClusterView? {
        guard response.isSuccess, let json = try? JSONValue.parse(response.body), let list = json["members"]?.arrayValue else { return nil }
        let members = list.map { item in
            EtcdMemberStatus(id: (item["ID"] ?? item["id"])?.stringValue ?? "", name: item["name"]?.stringValue ?? "",
                             peerURLs: item["peerURLs"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                             clientURLs: item["clientURLs"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }
        if let decimal = json["header"]?["cluster_id"]?.stringValue, let id = UInt64(decimal) {
            return EtcdClusterView(clusterID: String(id, radix: 16), members: members)
        }
        if let hex = response.header("X-Etcd-Cluster-Id"), let id = UInt64(hex, radix: 16) {
            return EtcdClusterView(clusterID: String(id, radix: 16), members: members)
        }
        return nil
    }
}

/// The checks across every `--etcd` URL (SPEC "Safety" 1): one cluster ID; each URL a member's
/// client URL (a DNS name and the address it resolves to count as one); members left out are
/// noted, not refused; `--etcd-members` equal to the member list. Pure: the answers are given.
public struct EtcdClusterCheck {
    /// Each asked URL (its preflight target) and what it answered.
    public var answers: [(target: PreflightTarget, view: EtcdClusterView)]
    /// `--etcd` was given: the URLs must be members' client URLs (else they only name the
    /// cluster to compare `--etcd-members` with).
    public var urlsMustBeMembers: Bool
    public var expectedMembers: [EtcdMember]?
    /// The addresses a host name resolves to (itself for an address).
    public var resolve: (String) -> [String]

    public init(answers: [(target: PreflightTarget, view: EtcdClusterView)], urlsMustBeMembers: Bool,
                expectedMembers: [EtcdMember]?, resolve: @escaping (String) -> [String]) {
        self.answers = answers
        self.urlsMustBeMembers = urlsMustBeMembers
        self.expectedMembers = expectedMembers
        self.resolve = resolve
    }

    public func run() -> (refusals: [PreflightFinding], notes: [String]) {
        guard let first = answers.first else { return ([], []) }
        var clusters: [(id: String, urls: [String])] = []
        for answer in answers {
            if let index = clusters.firstIndex(where: { $0.id == answer.view.clusterID }) {
                clusters[index].urls.append(answer.target.url)
            } else {
                clusters.append((answer.view.clusterID, [answer.target.url]))
            }
        }
        if clusters.count > 1 {
            let groups = clusters.map { "\($0.urls.joined(separator: ", ")) \($0.urls.count == 1 ? "is" : "are") in cluster \($0.id)" }
            return ([PreflightFinding(subject: "--etcd", detail: "mixes etcd clusters: \(groups.joined(separator: "; ")); give the client URLs of one cluster")], [])
        }
        let cluster = first.view
        var refusals: [PreflightFinding] = []
        var notes: [String] = []
        if urlsMustBeMembers {
            for answer in answers where !cluster.members.contains(where: { member in member.clientURLs.contains { sameEndpoint($0, answer.target.url) } }) {
                let known = cluster.members.flatMap(\.clientURLs).sorted()
                refusals.append(PreflightFinding(subject: answer.target.label, detail:
                    "is not the client URL of any member of cluster \(cluster.clusterID) (its members' client URLs: \(known.isEmpty ? "none" : known.joined(separator: ", "))); give the members' client URLs"))
            }
            for member in cluster.members where !member.clientURLs.contains(where: { url in answers.contains { sameEndpoint(url, $0.target.url) } }) {
                let urls = member.clientURLs.isEmpty ? "no client URL yet" : member.clientURLs.joined(separator: ",")
                notes.append("etcd member \(member.name.isEmpty ? member.id : member.name) (\(urls)) of cluster \(cluster.clusterID) is not in --etcd")
            }
        }
        if let expected = expectedMembers, let problem = membersProblem(expected, cluster) {
            refusals.append(PreflightFinding(subject: "--etcd-members", detail: problem))
        }
        return (refusals, notes)
    }

    /// Why `--etcd-members` differs from the member list, or nil. A member added but not started
    /// (no name yet) matches by its peer URL.
    func membersProblem(_ expected: [EtcdMember], _ cluster: EtcdClusterView) -> String? {
        var unmatched = cluster.members
        var missing: [EtcdMember] = []
        for member in expected {
            let url = member.peerURL.description
            if let index = unmatched.firstIndex(where: { ($0.name == member.name || $0.name.isEmpty) && $0.peerURLs.contains { sameEndpoint($0, url) } }) {
                unmatched.remove(at: index)
            } else {
                missing.append(member)
            }
        }
        guard !missing.isEmpty || !unmatched.isEmpty else { return nil }
        var parts: [String] = []
        if !missing.isEmpty { parts.append("not in the cluster: \(missing.map(\.description).joined(separator: ", "))") }
        if !unmatched.isEmpty { parts.append("in the cluster but not in --etcd-members: \(unmatched.map(\.description).joined(separator: ", "))") }
        return "differs from the member list of cluster \(cluster.clusterID) (\(parts.joined(separator: "; "))); give the members as 'etcdctl member list' shows them"
    }

    /// Same scheme and port, and the same host or hosts resolving to a common address.
    func sameEndpoint(_ a: String, _ b: String) -> Bool {
        let x = Address(parsing: a[...]), y = Address(parsing: b[...])
        guard x.scheme == y.scheme, x.effectivePort == y.effectivePort else { return false }
        if x.host.lowercased() == y.host.lowercased() { return true }
        let left = Set(resolve(x.host))
        return resolve(y.host).contains(where: left.contains)
    }
}
