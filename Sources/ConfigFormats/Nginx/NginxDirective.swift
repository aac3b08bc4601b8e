/// One nginx directive: a name, its arguments, and either `;` or a `{ … }` block of children.
///
/// `include` is a directive like any other: the file it names is not read. `NginxConfig` makes
/// these on demand from its compact form (`NginxSyntax`).
public struct NginxDirective: Sendable, Equatable {
    /// The name token (`server`, `upstream`, `listen`, …).
    public var name: NginxToken
    /// The arguments, in order, with their exact positions.
    public var arguments: [NginxToken]
    /// The `;` or `{` that ends the directive's head.
    public var terminator: NginxToken
    /// The children of a block directive; nil for a simple directive.
    public var block: [NginxDirective]?
    /// The `}` closing the block, when there is a block.
    public var closingBrace: NginxToken?

    public init(name: NginxToken, arguments: [NginxToken], terminator: NginxToken, block: [NginxDirective]? = nil, closingBrace: NginxToken? = nil) {
        self.name = name
        self.arguments = arguments
        self.terminator = terminator
        self.block = block
        self.closingBrace = closingBrace
    }

    /// 0-based line where the directive starts.
    public var line: Int { name.value.line }

    /// The directive name as nginx reads it.
    public var keyword: String { name.value.text }

    /// Every directive of this block and below, depth first, in file order.
    public var descendants: [NginxDirective] {
        (block ?? []).flatMap { [$0] + $0.descendants }
    }
}
