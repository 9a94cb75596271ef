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
        if let fact = scanPlainFact() { return .groundFact(fact) }
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
        guard errorCount < Parser.maximumErrors else {
            reportedLexerDiagnostics = lexer.diagnostics.count
            return .parsed(SyntaxTree(file: file, statements: []))
        }
        var (tree, runsOn) = Parser.parse(file, tokens: tokens, lexerDiagnostics: Array(lexer.diagnostics[reportedLexerDiagnostics...]))
        // A block whose inner error made the parser close it at an earlier
        // '}' leaves the rest to the top level, which may go on past the
        // block's last '}': the parser then reads the next statement with it.
        while runsOn && readTokens() {
            (tree, runsOn) = Parser.parse(file, tokens: tokens, lexerDiagnostics: Array(lexer.diagnostics[reportedLexerDiagnostics...]))
        }
        reportedLexerDiagnostics = lexer.diagnostics.count
        errorCount += tree.diagnostics.filter(\.isError).count
        if errorCount >= Parser.maximumErrors {
            let end = tokens.last?.range ?? SourceRange(start: 0, end: 0)
            let stop = Diagnostic.error("too many errors; stopped after \(Parser.maximumErrors)", at: SourceSpan(file: file, range: end))
            return .parsed(SyntaxTree(file: file, statements: tree.statements, diagnostics: tree.diagnostics + [stop]))
        }
        return .parsed(tree)
    }

    /// Lexes one statement into `tokens`, ending it where the parser's
    /// recovery (`Parser.synchronize`) would: at a `.` or `?` outside braces,
    /// or at the `}` closing an `according to` block the parser reads as
    /// one (a broken head, as in `according {`, makes it skip the braces). A stray `}` ends a
    /// statement only when it is all there is; inside one the parser skips
    /// it, so it must not split the text the parser reads in one piece.
    /// Brackets do not hold a `.` (it is an error there, and recovery stops
    /// at it). Returns false at the end of the input.
    private mutating func readStatement() -> Bool {
        tokens.removeAll(keepingCapacity: true)
        return readTokens()
    }

    /// Lexes one more statement onto `tokens` (replacing their `end`), or
    /// returns false, changing nothing, at the end of the input.
    private mutating func readTokens() -> Bool {
        let end = tokens.last?.kind == .end ? tokens.removeLast() : nil
        let start = tokens.count
        // Counted from the start of the statement, this is never below the
        // count `synchronize` keeps from the error on: a `.` at zero
        // braces here ends the broken statement there too.
        var braces = 0
        var isBlock = false
        while true {
            let token = lexer.next()
            if token.kind == .end {
                guard tokens.count > start else {
                    if let end { tokens.append(end) }
                    return false
                }
                tokens.append(token)
                return true
            }
            let isFirst = tokens.count == start
            tokens.append(token)
            switch token.kind {
            case .leftBrace:
                if braces == 0 && opensPerspectiveBlock(from: start) { isBlock = true }
                braces += 1
            case .rightBrace:
                if isFirst { return finish(at: token) }
                guard braces > 0 else { break }
                braces -= 1
                if braces == 0 && isBlock { return finish(at: token) }
            case .dot, .question:
                if braces == 0 { return finish(at: token) }
            default:
                break
            }
        }
    }

    /// Whether `tokens`, ending in `{`, are `according to NAME {` or
    /// `according NAME {`: the heads `Parser.parsePerspective` reads a block after.
    private func opensPerspectiveBlock(from start: Int) -> Bool {
        let head = tokens[start...]
        guard head.first?.kind == .keywordAccording else { return false }
        let isTo = { (token: Token) in token.kind == .name && self.file.bytes[token.range.start..<token.range.end].elementsEqual("to".utf8) }
        switch head.count {
        case 4: return isTo(tokens[start + 1]) && tokens[start + 2].kind == .name
        case 3: return tokens[start + 1].kind == .name && !isTo(tokens[start + 1])
        default: return false
        }
    }

    private mutating func finish(at token: Token) -> Bool {
        tokens.append(Token(.end, SourceRange(start: token.range.end, end: token.range.end)))
        return true
    }

    /// Reads the next statement straight from the bytes when it is a plain
    /// fact on its own — `name(c1, …, cn).` with ASCII names, numbers and
    /// escape-free strings, no comment inside — producing the very tokens
    /// the lexer would. Large generated files are almost all such lines,
    /// and this skips the lexer's general dispatch for them. Anything else
    /// (or anything unsure) returns nil, with nothing consumed.
    private mutating func scanPlainFact() -> GroundFact? {
        let start = lexer.offset, end = lexer.end
        let scanned: (GroundFact, Int)? = file.bytes.withUnsafeBufferPointer { bytes in
            var position = start
            func byte(_ at: Int) -> UInt8 { at < end ? bytes[at] : 0 }
            func skipBlanks() { while position < end && ByteClass.isSpace(bytes[position]) { position += 1 } }
            func isKeyword(_ range: Range<Int>) -> Bool {
                switch range.count {
                case 2, 3, 8, 9: return Lexer.keyword(in: file.bytes[range]) != nil
                default: return false
                }
            }
            /// A NAME, number or string token at `position`, or nil.
            func constant() -> Token? {
                let first = position
                let head = byte(position)
                if ByteClass.isLower(head) {
                    while position < end && ByteClass.isIdentifierContinue(bytes[position]) { position += 1 }
                    return isKeyword(first..<position) ? nil : Token(.name, SourceRange(start: first, end: position))
                }
                if ByteClass.isDigit(head) {
                    while ByteClass.isDigit(byte(position)) || byte(position) == UInt8(ascii: "_") { position += 1 }
                    var kind = Token.Kind.integer
                    if byte(position) == UInt8(ascii: "."), ByteClass.isDigit(byte(position + 1)) {
                        kind = .decimal
                        position += 1
                        while ByteClass.isDigit(byte(position)) || byte(position) == UInt8(ascii: "_") { position += 1 }
                    }
                    // Exponents, and a number run into a name, go the long way.
                    let next = byte(position)
                    if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") || ByteClass.isIdentifierContinue(next) { return nil }
                    if kind == .integer && position - first > 18 { return nil }
                    return Token(kind, SourceRange(start: first, end: position))
                }
                if head == UInt8(ascii: "\"") {
                    position += 1
                    while position < end {
                        let inner = bytes[position]
                        if inner == UInt8(ascii: "\"") {
                            position += 1
                            return Token(.string, SourceRange(start: first, end: position))
                        }
                        if inner == UInt8(ascii: "\\") || inner >= 0x80 || inner < 0x20 { return nil }
                        position += 1
                    }
                }
                return nil
            }

            skipBlanks()
            let nameStart = position
            guard ByteClass.isLower(byte(position)) else { return nil }
            while position < end && ByteClass.isIdentifierContinue(bytes[position]) { position += 1 }
            guard !isKeyword(nameStart..<position) else { return nil }
            tokens.removeAll(keepingCapacity: true)
            tokens.append(Token(.name, SourceRange(start: nameStart, end: position)))
            skipBlanks()
            guard byte(position) == UInt8(ascii: "(") else { return nil }
            tokens.append(Token(.leftParen, SourceRange(start: position, end: position + 1)))
            position += 1
            var arity = 0
            while true {
                skipBlanks()
                guard let argument = constant() else { return nil }
                tokens.append(argument)
                arity += 1
                skipBlanks()
                let separator = byte(position)
                if separator == UInt8(ascii: ",") {
                    tokens.append(Token(.comma, SourceRange(start: position, end: position + 1)))
                    position += 1
                } else if separator == UInt8(ascii: ")") {
                    tokens.append(Token(.rightParen, SourceRange(start: position, end: position + 1)))
                    position += 1
                    break
                } else {
                    return nil
                }
            }
            skipBlanks()
            guard byte(position) == UInt8(ascii: "."), position + 1 >= end || ByteClass.isSpace(bytes[position + 1]) else { return nil }
            let dot = Token(.dot, SourceRange(start: position, end: position + 1))
            tokens.append(dot)
            tokens.append(Token(.end, SourceRange(start: position + 1, end: position + 1)))
            position += 1
            return (GroundFact(name: tokens[0], arity: arity, value: nil, isNegative: false,
                               range: SourceRange(start: nameStart, end: dot.range.end)), position)
        }
        guard let (fact, resume) = scanned else { return nil }
        lexer.skip(to: resume)
        return fact
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
