/// Reads a source statement by statement, so that loading a large file
/// never holds all of its tokens or trees at once, and hands the plainest
/// statements over without building a tree at all: a *ground fact* is
/// `name(c1, …, cn).`, `name.` or `name(c1, c2) = v.` (an observation), where
/// every argument is one NAME, STRING, INTEGER or DECIMAL token and `v` is a
/// number, perhaps negative. Everything else is parsed by `Parser`, one
/// statement (or `according to` block) at a time; what a ground fact means
/// is exactly what the parser would make of it.
public struct StatementReader {
    public let file: SourceFile
    private var lexer: Lexer
    private var reportedLexerDiagnostics = 0
    private var errorCount = 0
    /// The tokens of the current statement, ending with `end`.
    public private(set) var tokens: [Token] = []
    private var lookahead: Token?

    public init(file: SourceFile, range: SourceRange? = nil) {
        self.file = file
        lexer = Lexer(file: file, range: range)
        tokens.reserveCapacity(64)
    }

    /// A statement made only of constants: its tokens are `tokens`.
    public struct GroundFact: Sendable {
        /// The predicate's (or indicator's) name token.
        public let name: Token
        /// How many arguments: argument i is `tokens[2 + 2 * i]`.
        public let arity: Int
        /// For an observation, the value's token and whether a minus precedes it.
        public let value: Token?
        public let isNegative: Bool
        public let range: SourceRange
    }

    public enum Item {
        case groundFact(GroundFact)
        /// Any other statement, parsed, with its diagnostics (lexical ones too).
        case parsed(SyntaxTree)
    }

    /// The next statement, or nil at the end of the source.
    public mutating func next() -> Item? {
        guard readStatement() else {
            // Trivia after the last statement (a comment with invalid
            // UTF-8, say) may still have something to report.
            guard lexer.diagnostics.count > reportedLexerDiagnostics else { return nil }
            let trailing = Array(lexer.diagnostics[reportedLexerDiagnostics...])
            reportedLexerDiagnostics = lexer.diagnostics.count
            return .parsed(SyntaxTree(file: file, statements: [], diagnostics: trailing))
        }
        if lexer.diagnostics.count == reportedLexerDiagnostics, let fact = groundFact() {
            return .groundFact(fact)
        }
        let newDiagnostics = Array(lexer.diagnostics[reportedLexerDiagnostics...])
        reportedLexerDiagnostics = lexer.diagnostics.count
        guard errorCount < Parser.maximumErrors else { return .parsed(SyntaxTree(file: file, statements: [])) }
        let tree = Parser.parse(file, tokens: tokens, lexerDiagnostics: newDiagnostics)
        errorCount += tree.diagnostics.filter(\.isError).count
        if errorCount >= Parser.maximumErrors {
            let end = tokens.last?.range ?? SourceRange(start: 0, end: 0)
            let stop = Diagnostic.error("too many errors; stopped after \(Parser.maximumErrors)", at: SourceSpan(file: file, range: end))
            return .parsed(SyntaxTree(file: file, statements: tree.statements, diagnostics: tree.diagnostics + [stop]))
        }
        return .parsed(tree)
    }

    /// Lexes one statement into `tokens`: up to a `.` or `?` outside
    /// brackets, or the `}` closing an `according to` block. Returns false
    /// at the end of the input.
    private mutating func readStatement() -> Bool {
        tokens.removeAll(keepingCapacity: true)
        var depth = 0
        var isBlock = false
        while true {
            let token = lookahead ?? lexer.next()
            lookahead = nil
            if token.kind == .end {
                if tokens.isEmpty { return false }
                tokens.append(token)
                return true
            }
            if tokens.isEmpty && token.kind == .keywordAccording { isBlock = true }
            tokens.append(token)
            switch token.kind {
            case .leftParen, .leftBracket, .leftBrace:
                depth += 1
            case .rightParen, .rightBracket:
                depth = max(0, depth - 1)
            case .rightBrace:
                depth -= 1
                if depth <= 0 && (isBlock || depth < 0) { return finish(at: token) }
                depth = max(0, depth)
            case .dot, .question:
                if depth == 0 { return finish(at: token) }
            default:
                break
            }
        }
    }

    private mutating func finish(at token: Token) -> Bool {
        tokens.append(Token(.end, SourceRange(start: token.range.end, end: token.range.end)))
        return true
    }

    /// The statement as a ground fact, if it is one.
    private func groundFact() -> GroundFact? {
        guard tokens.count >= 3, tokens[0].kind == .name else { return nil }
        let name = tokens[0]
        let last = tokens[tokens.count - 2]
        guard last.kind == .dot else { return nil }
        if tokens.count == 3 {
            return GroundFact(name: name, arity: 0, value: nil, isNegative: false, range: SourceRange(start: name.range.start, end: last.range.end))
        }
        guard tokens[1].kind == .leftParen else { return nil }
        var index = 2
        var arity = 0
        while true {
            guard index < tokens.count, Self.isConstant(tokens[index], in: file) else { return nil }
            arity += 1
            index += 1
            if tokens[index].kind == .comma {
                index += 1
                continue
            }
            guard tokens[index].kind == .rightParen else { return nil }
            index += 1
            break
        }
        if tokens[index].kind == .dot && index == tokens.count - 2 {
            return GroundFact(name: name, arity: arity, value: nil, isNegative: false, range: SourceRange(start: name.range.start, end: last.range.end))
        }
        guard tokens[index].kind == .equal else { return nil }
        index += 1
        let isNegative = tokens[index].kind == .minus
        if isNegative { index += 1 }
        guard index == tokens.count - 3, tokens[index].kind == .integer || tokens[index].kind == .decimal,
              Self.isConstant(tokens[index], in: file) else { return nil }
        return GroundFact(name: name, arity: arity, value: tokens[index], isNegative: isNegative,
                          range: SourceRange(start: name.range.start, end: last.range.end))
    }

    /// Constants the loader can read straight from the bytes: names,
    /// strings, integers short enough never to overflow, decimals.
    private static func isConstant(_ token: Token, in file: SourceFile) -> Bool {
        switch token.kind {
        case .name, .string, .decimal: return true
        case .integer: return token.range.end - token.range.start <= 18
        default: return false
        }
    }
}
