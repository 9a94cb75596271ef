/// A hand-written recursive-descent parser for Grammar/rejoinder.ebnf.
///
/// One `mutating func parseX()` per production (their doc comments quote
/// it). A syntax error inside a statement throws `ParseFailure` after
/// recording its diagnostic; `parseProgram` catches it, skips to the end of
/// the statement (`synchronize`) and goes on, so every error in a file is
/// reported in one pass without cascades.
public struct Parser {
    /// Deepest nesting of brackets, expressions and aggregates accepted, so
    /// that no input can overflow the stack.
    public static let maximumDepth = 200
    /// After this many errors in one source the parser stops.
    public static let maximumErrors = 100
    /// Most arithmetic operators, and most body literals, in one statement:
    /// a flat `1 + 1 + …` or a long conjunction nests as deeply as brackets
    /// do in the walks that follow parsing, so it is bounded as they are.
    public static let maximumOperators = 1_000
    public static let maximumLiterals = 1_000

    let file: SourceFile
    let tokens: [Token]
    var position = 0
    var diagnostics: [Diagnostic]
    /// Brackets opened and not yet closed in the current statement.
    var openBrackets: [Token] = []
    /// The `{` of the `according to … {` block being parsed, if any.
    var perspectiveBrace: Token?
    var depth = 0
    /// Operators and literals read so far in the current statement.
    var operatorCount = 0
    var literalCount = 0
    /// Statements starting with `?-` or `why` that could not be parsed.
    var unreadableQueries = 0
    private var unterminatedStringStart: Int?
    /// Whether an error was found at the end of the tokens, or recovery
    /// was still skipping there.
    private(set) var reachedEndInStatement = false
    private var firstErrorOpenConstruct: OpenConstruct??

    /// Parses `range` of `file` (all of it by default).
    public static func parse(_ file: SourceFile, range: SourceRange? = nil) -> SyntaxTree {
        var lexer = Lexer(file: file, range: range)
        let tokens = lexer.tokenize()
        var parser = Parser(file: file, tokens: tokens, diagnostics: lexer.diagnostics)
        parser.unterminatedStringStart = lexer.unterminatedStringStart
        if let start = lexer.unterminatedStringStart {
            parser.firstErrorOpenConstruct = lexer.diagnostics.first?.span.range.start == start ? .some(.string) : .some(nil)
        } else if !lexer.diagnostics.isEmpty {
            parser.firstErrorOpenConstruct = .some(nil)
        }
        let statements = parser.parseProgram()
        // Lexer and parser diagnostics, in the order of the text.
        let diagnostics = parser.diagnostics.enumerated()
            .sorted { ($0.element.span.range.start, $0.offset) < ($1.element.span.range.start, $1.offset) }
            .map(\.element)
        return SyntaxTree(
            file: file,
            statements: statements,
            diagnostics: diagnostics,
            openConstruct: parser.firstErrorOpenConstruct ?? nil,
            unreadableQueries: parser.unreadableQueries,
            range: range ?? SourceRange(start: 0, end: file.bytes.count)
        )
    }

    /// Parses tokens already lexed (one statement's worth, ending in `end`),
    /// as the statement reader hands them over; `runsOn` tells that they
    /// ended inside a statement, which the tokens after may go on with.
    static func parse(_ file: SourceFile, tokens: [Token], lexerDiagnostics: [Diagnostic]) -> (tree: SyntaxTree, runsOn: Bool) {
        var parser = Parser(file: file, tokens: tokens, diagnostics: lexerDiagnostics)
        if !lexerDiagnostics.isEmpty { parser.firstErrorOpenConstruct = .some(nil) }
        let statements = parser.parseProgram()
        let diagnostics = parser.diagnostics.enumerated()
            .sorted { ($0.element.span.range.start, $0.offset) < ($1.element.span.range.start, $1.offset) }
            .map(\.element)
        return (SyntaxTree(file: file, statements: statements, diagnostics: diagnostics, unreadableQueries: parser.unreadableQueries),
                parser.reachedEndInStatement)
    }

    private init(file: SourceFile, tokens: [Token], diagnostics: [Diagnostic]) {
        self.file = file
        self.tokens = tokens
        self.diagnostics = diagnostics
    }

    // MARK: - Token helpers

    var current: Token { tokens[position] }
    var previous: Token { tokens[max(0, position - 1)] }

    func peek(_ ahead: Int = 1) -> Token {
        tokens[min(position + ahead, tokens.count - 1)]
    }

    func at(_ kind: Token.Kind) -> Bool { current.kind == kind }

    /// Whether the current token is the NAME `text` (such as `to`).
    func at(name text: String) -> Bool {
        current.kind == .name && file.bytes[current.range.start..<current.range.end].elementsEqual(text.utf8)
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if token.kind != .end { position += 1 }
        return token
    }

    /// Consumes the current token if it is of `kind`.
    mutating func consume(if kind: Token.Kind) -> Token? {
        guard at(kind) else { return nil }
        return advance()
    }

    /// Consumes a token of `kind` or fails with `expected <what>, found …`.
    mutating func expect(_ kind: Token.Kind, _ what: String? = nil, help: String? = nil) throws(ParseFailure) -> Token {
        if let token = consume(if: kind) { return token }
        throw fail(expected: what ?? kind.spelling, help: help)
    }

    func text(of token: Token) -> String { file.text(token.range) }

    func span(_ range: SourceRange) -> SourceSpan { SourceSpan(file: file, range: range) }

    /// Whether a line break separates the current token from the one before.
    var currentStartsLine: Bool {
        guard position > 0 else { return true }
        return file.bytes[previous.range.end..<current.range.start].contains(UInt8(ascii: "\n"))
    }

    // MARK: - Brackets

    mutating func open(_ kind: Token.Kind) throws(ParseFailure) -> Token {
        let token = try expect(kind)
        openBrackets.append(token)
        return token
    }

    /// Consumes the bracket closing `opening`, or fails. When the statement
    /// seems to end before the bracket is closed the message is
    /// `expected <unclosed>` (such as `')' to end argument list of 'meets'`),
    /// otherwise `expected <separated>` (such as `',' or ')' after argument`);
    /// either way with a note at the opening bracket.
    mutating func close(_ kind: Token.Kind, _ opening: Token, unclosed: String, separated: String? = nil, help: String? = nil) throws(ParseFailure) -> Token {
        if let token = consume(if: kind) {
            if let last = openBrackets.lastIndex(of: opening) { openBrackets.remove(at: last) }
            return token
        }
        let note = Diagnostic.note("\(opening.kind.spelling) opened here", at: span(opening.range))
        let endsStatement: Set<Token.Kind> = [.dot, .end, .question, .turnstile, .rightBrace, .rightParen, .rightBracket]
        if let separated, !endsStatement.contains(current.kind) {
            throw fail(expected: separated, help: help, notes: [note])
        }
        throw fail(expected: unclosed, notes: [note])
    }

    // MARK: - Errors

    /// Records `expected <what>, found <current>` and returns the failure to throw.
    mutating func fail(expected what: String, help: String? = nil, notes: [Diagnostic] = []) -> ParseFailure {
        report("expected \(what), found \(describe(current))", at: foundRange, help: help, notes: notes)
        return ParseFailure()
    }

    /// Where to point for "found …": the current token, or, at the end of
    /// the input, just after the last token (not on an empty last line).
    var foundRange: SourceRange {
        guard current.kind == .end, position > 0 else { return current.range }
        return SourceRange(start: previous.range.end, end: previous.range.end)
    }

    /// Records `unexpected <current>` with a reason.
    mutating func failUnexpected(_ reason: String, help: String? = nil) -> ParseFailure {
        report("unexpected \(describe(current)) \(reason)", at: current.range, help: help)
        return ParseFailure()
    }

    mutating func report(_ message: String, at range: SourceRange, help: String? = nil, notes: [Diagnostic] = []) {
        if current.kind == .end { reachedEndInStatement = true }
        if firstErrorOpenConstruct == nil {
            firstErrorOpenConstruct = .some(current.kind == .end && range.start >= previous.range.end ? innermostOpen() : nil)
        } else if let start = unterminatedStringStart, range.start < start {
            // A real error before the unclosed string: more input cannot help.
            firstErrorOpenConstruct = .some(nil)
        }
        // The lexer has already reported an invalid token; a second message
        // about the same place would only repeat it.
        if current.kind == .invalid, range == current.range { return }
        guard diagnostics.count < Parser.maximumErrors else { return }
        diagnostics.append(.error(message, at: span(range), help: help, notes: notes))
    }

    private func innermostOpen() -> OpenConstruct {
        if let bracket = openBrackets.last ?? perspectiveBrace {
            switch bracket.kind {
            case .leftParen: return .bracket("(")
            case .leftBracket: return .bracket("[")
            default: return .bracket("{")
            }
        }
        return .statement
    }

    /// How a token is quoted in messages: `'year'`, `string "Wong"`, `end of input`.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .end: return "end of input"
        case .string:
            return "string \(Parser.truncated(text(of: token), limit: 24))"
        default:
            return "'\(Parser.truncated(text(of: token), limit: 24))'"
        }
    }

    static func truncated(_ text: String, limit: Int) -> String {
        let firstLine = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? text
        if firstLine.count <= limit && firstLine.count == text.count { return text }
        return String(firstLine.prefix(limit)) + "…"
    }

    /// Counts one more operator or literal of the current statement, or
    /// fails at `token` past the limit.
    mutating func count(_ counter: WritableKeyPath<Parser, Int>, limit: Int, what: String, at token: Token) throws(ParseFailure) {
        self[keyPath: counter] += 1
        guard self[keyPath: counter] > limit else { return }
        report("statement is too long (more than \(limit) \(what))", at: token.range,
               help: "split it into smaller rules, or give parts of it names with '='")
        throw ParseFailure()
    }

    /// Raises the nesting depth for the duration of one nested parse.
    mutating func nested<T>(_ body: (inout Parser) throws(ParseFailure) -> T) throws(ParseFailure) -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maximumDepth {
            report("nesting is too deep (more than \(Parser.maximumDepth) levels)", at: current.range, help: "split the expression or the body into smaller rules")
            throw ParseFailure()
        }
        return try body(&self)
    }

    /// Skips to the end of the statement in which an error occurred: past
    /// the next `.` or `?` (no bracket can hold one, so it ends the broken
    /// statement), or up to the `}` that closes the perspective block being
    /// parsed (left for the block to consume). A `{ … }` met while skipping
    /// is skipped whole, as it may be a block of statements.
    mutating func synchronize() {
        openBrackets.removeAll()
        var skippedBraces = 0
        while !at(.end) {
            switch current.kind {
            case .dot, .question:
                if skippedBraces == 0 {
                    advance()
                    return
                }
            case .leftBrace:
                skippedBraces += 1
            case .rightBrace:
                if skippedBraces > 0 {
                    skippedBraces -= 1
                } else if perspectiveBrace != nil {
                    return
                }
            default:
                break
            }
            advance()
        }
        reachedEndInStatement = true
    }

    var hasTooManyErrors: Bool { diagnostics.count >= Parser.maximumErrors }
}

/// Thrown by a parse function after it has recorded its diagnostic.
struct ParseFailure: Error {}
