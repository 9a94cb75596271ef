/// The result of parsing one source: its statements, every diagnostic, and,
/// when the input simply stops too early, what is still open.
public struct SyntaxTree: Sendable {
    public let file: SourceFile
    public let statements: [Statement]
    public let diagnostics: [Diagnostic]
    /// Set when the first error is at the end of the input, as when a line
    /// typed at the prompt lacks its final `.` or closes no bracket: more
    /// input could complete it. The prompt shows a continuation prompt then.
    public let openConstruct: OpenConstruct?
    /// Queries and explanations (statements starting `?-` or `why`) too
    /// broken to be among `statements`: they still count as asked.
    public let unreadableQueries: Int
    /// The text parsed, when it was a file or a range of one (rather than
    /// statements picked out of it): its `##` documentation goes with it.
    public let range: SourceRange?

    public init(file: SourceFile, statements: [Statement], diagnostics: [Diagnostic] = [], openConstruct: OpenConstruct? = nil,
                unreadableQueries: Int = 0, range: SourceRange? = nil) {
        self.file = file
        self.range = range
        self.statements = statements
        self.diagnostics = diagnostics
        self.openConstruct = openConstruct
        self.unreadableQueries = unreadableQueries
    }

    public var hasErrors: Bool { diagnostics.contains { $0.isError } }
    public var isIncomplete: Bool { openConstruct != nil }
}

/// What input that ends too early leaves open.
public enum OpenConstruct: Equatable, Sendable {
    /// An unclosed `(`, `{` or `[` (the innermost one).
    case bracket(Character)
    /// A string without its closing quote.
    case string
    /// A statement without its final `.` or `?`.
    case statement
}
