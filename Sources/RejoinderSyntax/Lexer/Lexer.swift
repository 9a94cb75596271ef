/// Turns the bytes of a source file into tokens. Lexing never fails: a byte
/// that starts no token becomes an `invalid` token and a diagnostic, so the
/// parser always gets a token stream that ends in `end`.
public struct Lexer {
    public let file: SourceFile
    private var cursor: Cursor
    private let limit: Int
    public private(set) var diagnostics: [Diagnostic] = []
    /// Where a string that runs to the end of the input started, if one does;
    /// the prompt uses it to show `"...>` and wait for more lines.
    public private(set) var unterminatedStringStart: Int?

    /// Lexes `range` of `file` (the whole file by default).
    public init(file: SourceFile, range: SourceRange? = nil) {
        self.file = file
        let range = range ?? SourceRange(start: 0, end: file.bytes.count)
        self.cursor = Cursor(bytes: file.bytes, offset: range.start)
        self.limit = range.end
    }

    /// All tokens up to and including `end`.
    public mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(max(16, (limit - cursor.offset) / 4))
        while true {
            let token = next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var isAtLimit: Bool { cursor.offset >= limit }

    /// Where the next token will be looked for, and where lexing stops.
    public var offset: Int { cursor.offset }
    public var end: Int { limit }

    /// Moves on to `offset`, past text the caller has read itself (plain
    /// ASCII, so nothing there has a diagnostic to report).
    public mutating func skip(to offset: Int) {
        precondition(offset >= cursor.offset && offset <= limit, "skipping backwards or past the end")
        cursor.advance(offset - cursor.offset)
    }

    private func peek(_ ahead: Int = 0) -> UInt8 {
        cursor.offset + ahead < limit ? cursor.peek(ahead) : 0
    }

    /// The next token (`end` at the end of the range, again and again).
    public mutating func next() -> Token {
        skipTrivia()
        let start = cursor.offset
        guard !isAtLimit else { return Token(.end, SourceRange(start: limit, end: limit)) }
        let byte = peek()
        if ByteClass.isLower(byte) { return lexName(from: start) }
        if ByteClass.isUpper(byte) || byte == UInt8(ascii: "_") { return lexVariable(from: start) }
        if ByteClass.isDigit(byte) { return lexNumber(from: start) }
        if byte == UInt8(ascii: "\"") { return lexString(from: start) }
        if let kind = lexPunctuation() { return Token(kind, SourceRange(start: start, end: cursor.offset)) }
        return lexInvalid(from: start)
    }

    private mutating func skipTrivia() {
        while !isAtLimit {
            let byte = peek()
            if ByteClass.isSpace(byte) {
                cursor.advance()
            } else if byte == UInt8(ascii: "#") {
                while !isAtLimit, peek() != UInt8(ascii: "\n") {
                    if peek() < 0x80 {
                        cursor.advance()
                    } else {
                        advanceOverScalar(reportingInvalidAs: "comment")
                    }
                }
            } else {
                return
            }
        }
    }

    private mutating func lexName(from start: Int) -> Token {
        advanceWhileIdentifier()
        let range = SourceRange(start: start, end: cursor.offset)
        return Token(Lexer.keyword(in: file.bytes[start..<cursor.offset]) ?? .name, range)
    }

    private mutating func lexVariable(from start: Int) -> Token {
        advanceWhileIdentifier()
        let kind: Token.Kind = cursor.offset - start == 1 && file.bytes[start] == UInt8(ascii: "_") ? .anonymous : .variable
        return Token(kind, SourceRange(start: start, end: cursor.offset))
    }

    private mutating func advanceWhileIdentifier() {
        while !isAtLimit, ByteClass.isIdentifierContinue(peek()) { cursor.advance() }
    }

    /// INTEGER and DECIMAL; `2013..2016` lexes as INTEGER '..' INTEGER because
    /// a '.' is part of a number only when a digit follows it.
    private mutating func lexNumber(from start: Int) -> Token {
        advanceWhileDigits()
        var kind = Token.Kind.integer
        if peek() == UInt8(ascii: "."), ByteClass.isDigit(peek(1)) {
            kind = .decimal
            cursor.advance()
            advanceWhileDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            let signLength = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-") ? 1 : 0
            if ByteClass.isDigit(peek(1 + signLength)) {
                kind = .decimal
                cursor.advance(1 + signLength)
                advanceWhileDigits()
            }
        }
        return Token(kind, SourceRange(start: start, end: cursor.offset))
    }

    private mutating func advanceWhileDigits() {
        while !isAtLimit, ByteClass.isDigit(peek()) || peek() == UInt8(ascii: "_") { cursor.advance() }
    }

    private mutating func lexString(from start: Int) -> Token {
        cursor.advance()
        while !isAtLimit {
            let byte = peek()
            if byte == UInt8(ascii: "\"") {
                cursor.advance()
                return Token(.string, SourceRange(start: start, end: cursor.offset))
            }
            if byte == UInt8(ascii: "\\") {
                lexEscape()
            } else if byte < 0x80 {
                cursor.advance()
            } else {
                advanceOverScalar(reportingInvalidAs: "string")
            }
        }
        unterminatedStringStart = start
        report("unterminated string", SourceRange(start: start, end: start + 1), help: "close the string with '\"'")
        return Token(.invalid, SourceRange(start: start, end: cursor.offset))
    }

    /// `\"`, `\\`, `\n`, `\t` and `\u{…}`; anything else is reported and kept.
    private mutating func lexEscape() {
        let start = cursor.offset
        cursor.advance()
        switch peek() {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "t"):
            cursor.advance()
        case UInt8(ascii: "u"):
            cursor.advance()
            guard peek() == UInt8(ascii: "{") else {
                report("expected '{' after '\\u' in string", SourceRange(start: start, end: cursor.offset), help: "write a code point as \\u{1F600}")
                return
            }
            cursor.advance()
            var digits = 0
            var value: UInt32 = 0
            while !isAtLimit, ByteClass.isHexDigit(peek()), digits < 8 {
                value = value &* 16 &+ UInt32(StringLiteral.hexValue(peek()))
                digits += 1
                cursor.advance()
            }
            let closed = peek() == UInt8(ascii: "}")
            if closed { cursor.advance() }
            if !closed || digits == 0 || digits > 6 || Unicode.Scalar(value) == nil {
                report("invalid unicode escape in string", SourceRange(start: start, end: cursor.offset), help: "write a code point as \\u{1F600}")
            }
        default:
            if isAtLimit { return }
            let escapeEnd = cursor.offset + 1
            report("unknown escape in string", SourceRange(start: start, end: escapeEnd), help: "the escapes are \\\" \\\\ \\n \\t and \\u{…}")
            if peek() < 0x80 { cursor.advance() } else { advanceOverScalar(reportingInvalidAs: "string") }
        }
    }

    private mutating func lexPunctuation() -> Token.Kind? {
        let byte = peek()
        let second = peek(1)
        func take(_ count: Int, _ kind: Token.Kind) -> Token.Kind {
            cursor.advance(count)
            return kind
        }
        switch byte {
        case UInt8(ascii: "("): return take(1, .leftParen)
        case UInt8(ascii: ")"): return take(1, .rightParen)
        case UInt8(ascii: "{"): return take(1, .leftBrace)
        case UInt8(ascii: "}"): return take(1, .rightBrace)
        case UInt8(ascii: "["): return take(1, .leftBracket)
        case UInt8(ascii: "]"): return take(1, .rightBracket)
        case UInt8(ascii: ","): return take(1, .comma)
        case UInt8(ascii: "."): return second == UInt8(ascii: ".") ? take(2, .dotDot) : take(1, .dot)
        case UInt8(ascii: ":"): return second == UInt8(ascii: "-") ? take(2, .turnstile) : take(1, .colon)
        case UInt8(ascii: "?"): return second == UInt8(ascii: "-") ? take(2, .queryMark) : take(1, .question)
        case UInt8(ascii: "="): return take(1, .equal)
        case UInt8(ascii: "!"): return second == UInt8(ascii: "=") ? take(2, .notEqual) : nil
        case UInt8(ascii: "<"): return second == UInt8(ascii: "=") ? take(2, .lessEqual) : take(1, .less)
        case UInt8(ascii: ">"): return second == UInt8(ascii: "=") ? take(2, .greaterEqual) : take(1, .greater)
        case UInt8(ascii: "+"): return take(1, .plus)
        case UInt8(ascii: "-"): return take(1, .minus)
        case UInt8(ascii: "*"): return take(1, .star)
        case UInt8(ascii: "/"): return take(1, .slash)
        default: return nil
        }
    }

    /// A run of bytes that start no token, reported once.
    private mutating func lexInvalid(from start: Int) -> Token {
        var invalidUTF8: UInt8?
        repeat {
            let byte = peek()
            if byte < 0x80 {
                cursor.advance()
            } else if let length = ByteClass.utf8SequenceLength(in: file.bytes, at: cursor.offset), cursor.offset + length <= limit {
                cursor.advance(length)
            } else {
                invalidUTF8 = invalidUTF8 ?? byte
                cursor.advance()
            }
        } while !isAtLimit && startsNoToken(peek())
        let range = SourceRange(start: start, end: cursor.offset)
        if let byte = invalidUTF8 {
            report("invalid UTF-8 byte 0x\(StringLiteral.hex(byte))", range, help: "source text must be UTF-8")
        } else {
            let text = file.text(range)
            let noun = text.unicodeScalars.count == 1 ? "character" : "characters"
            report("unexpected \(noun) '\(text)'", range, help: Lexer.helpForStray(text))
        }
        return Token(.invalid, range)
    }

    private func startsNoToken(_ byte: UInt8) -> Bool {
        if ByteClass.isSpace(byte) || ByteClass.isIdentifierContinue(byte) { return false }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"),
             UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: "."),
             UInt8(ascii: ":"), UInt8(ascii: "?"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"),
             UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"):
            return false
        case UInt8(ascii: "!"):
            return peek(1) != UInt8(ascii: "=")
        default:
            return true
        }
    }

    private static func helpForStray(_ text: String) -> String? {
        switch text {
        case "'": return "strings are written with double quotes"
        case "!": return "write '!=' for 'not equal', or 'not' before an atom to negate it"
        case ";": return "separate body literals with ','"
        case "%": return "comments start with '#'"
        case "\u{201C}", "\u{201D}": return "strings use the plain double quote '\"'"
        default: return nil
        }
    }

    private mutating func advanceOverScalar(reportingInvalidAs context: String) {
        if let length = ByteClass.utf8SequenceLength(in: file.bytes, at: cursor.offset), cursor.offset + length <= limit {
            cursor.advance(length)
        } else {
            let byte = peek()
            report("invalid UTF-8 byte 0x\(StringLiteral.hex(byte)) in \(context)", SourceRange(start: cursor.offset, end: cursor.offset + 1), help: "source text must be UTF-8")
            cursor.advance()
        }
    }

    private mutating func report(_ message: String, _ range: SourceRange, help: String? = nil) {
        diagnostics.append(.error(message, at: SourceSpan(file: file, range: range), help: help))
    }

    /// Whether `text` can be written as a bare NAME (rather than a string):
    /// a lowercase letter, then letters, digits and '_', and no reserved word.
    public static func isPlainName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, ByteClass.isLower(first) else { return false }
        return bytes.allSatisfy(ByteClass.isIdentifierContinue) && keyword(in: bytes[...]) == nil
    }

    /// The reserved word spelled by `bytes`, if any.
    static func keyword(in bytes: ArraySlice<UInt8>) -> Token.Kind? {
        switch bytes.count {
        case 2 where bytes.elementsEqual("in".utf8): return .keywordIn
        case 3 where bytes.elementsEqual("not".utf8): return .keywordNot
        case 3 where bytes.elementsEqual("why".utf8): return .keywordWhy
        case 8 where bytes.elementsEqual("contrast".utf8): return .keywordContrast
        case 9 where bytes.elementsEqual("according".utf8): return .keywordAccording
        default: return nil
        }
    }
}
