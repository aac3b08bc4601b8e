extension SourceText {
    /// The lines of a `SourceText` as a collection of `Line`s, each made from the buffer when it
    /// is read (its `String` is not stored).
    public struct Lines: RandomAccessCollection, Sendable, Equatable {
        let text: SourceText

        init(_ text: SourceText) {
            self.text = text
        }

        public var startIndex: Int { 0 }
        public var endIndex: Int { text.lineCount }

        public subscript(index: Int) -> Line {
            let range = text.textRange(ofLine: index)
            let string = text.bytes.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
            }
            return Line(string, ending: text.ending(ofLine: index))
        }
    }
}
