/// Where node-reconfig speaks: standard output for results, standard error for progress and errors.
public protocol Output: Sendable {
    func standardOutput(_ text: String)
    func standardError(_ text: String)
}
