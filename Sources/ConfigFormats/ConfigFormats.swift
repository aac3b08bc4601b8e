/// ConfigFormats: configuration files as values. Each format parses bytes into a document that
/// keeps every byte (`SourceText`), exposes the values node-reconfig may rewrite as
/// `ValueToken`s with their exact positions, and renders back. No I/O happens here.
