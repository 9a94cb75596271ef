import RejoinderSyntax

/// A JSON text read into values that remember where they were written, so
/// that a reader of a JSON format (AIF) can point its diagnostics at the
/// node or edge at fault rather than at the whole file.
public struct JSONDocument: Sendable {
    /// One value and the bytes it spans.
    public struct Value: Sendable {
        public indirect enum Content: Sendable {
            case object([(key: String, value: Value)])
            case array([Value])
            case string(String)
            /// The number as written, so that an id `12` and `"12"` read alike.
            case number(String)
            case bool(Bool)
            case null
        }

        public let content: Content
        public let range: SourceRange

        /// The member named `key` of an object, if any.
        public subscript(key: String) -> Value? {
            guard case .object(let members) = content else { return nil }
            return members.first { $0.key == key }?.value
        }

        /// A string, or a number as written (ids are either in AIF files).
        public var text: String? {
            switch content {
            case .string(let text), .number(let text): text
            default: nil
            }
        }

        /// What the value is, for messages.
        public var kindName: String {
            switch content {
            case .object: "an object"
            case .array: "an array"
            case .string: "a string"
            case .number: "a number"
            case .bool: "a boolean"
            case .null: "null"
            }
        }
    }

    public let file: SourceFile
    public let root: Value

    /// Reads `file`, or throws the first syntax error, located.
    public init(_ file: SourceFile) throws(DiagnosticError) {
        var parser = JSONParser(file: file)
        self.file = file
        root = try parser.document()
    }

    /// A span of the document, for diagnostics.
    public func span(_ value: Value) -> SourceSpan {
        SourceSpan(file: file, range: value.range)
    }
}

/// A recursive-descent reader of RFC 8259 JSON over the file's bytes.
private struct JSONParser {
    let file: SourceFile
    let bytes: [UInt8]
    var offset = 0
    var depth = 0
    /// Deeper nesting is refused, so that no input can overflow the stack.
    static let maximumDepth = 200

    init(file: SourceFile) {
        self.file = file
        bytes = file.bytes
    }

    mutating func document() throws(DiagnosticError) -> JSONDocument.Value {
        // A byte order mark is not JSON, but editors write one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
        skipSpace()
        let root = try value()
        skipSpace()
        guard offset == bytes.count else { throw failure("expected the end of the JSON text after its value, found \(found)") }
        return root
    }

    private var found: String {
        guard offset < bytes.count else { return "the end of the file" }
        let byte = bytes[offset]
        return byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x" + String(byte, radix: 16)
    }

    private func failure(_ message: String, at start: Int? = nil, help: String? = nil) -> DiagnosticError {
        let start = min(start ?? offset, bytes.count)
        let span = SourceSpan(file: file, range: SourceRange(start: start, end: min(start + 1, bytes.count)))
        return DiagnosticError(.error(message, at: span, help: help))
    }

    private mutating func skipSpace() {
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
    }

    private mutating func value() throws(DiagnosticError) -> JSONDocument.Value {
        guard offset < bytes.count else { throw failure("expected a JSON value, found the end of the file") }
        let start = offset
        let content: JSONDocument.Value.Content
        switch bytes[offset] {
        case UInt8(ascii: "{"): content = try nested { (parser: inout JSONParser) throws(DiagnosticError) in try parser.object() }
        case UInt8(ascii: "["): content = try nested { (parser: inout JSONParser) throws(DiagnosticError) in try parser.array() }
        case UInt8(ascii: "\""): content = .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): content = .number(try number())
        default:
            if literal("true") { content = .bool(true) } else if literal("false") { content = .bool(false) } else if literal("null") { content = .null } else {
                throw failure("expected a JSON value, found \(found)", help: "strings are written in double quotes")
            }
        }
        return JSONDocument.Value(content: content, range: SourceRange(start: start, end: offset))
    }

    private mutating func nested(_ read: (inout JSONParser) throws(DiagnosticError) -> JSONDocument.Value.Content) throws(DiagnosticError) -> JSONDocument.Value.Content {
        guard depth < Self.maximumDepth else { throw failure("JSON nested deeper than \(Self.maximumDepth) levels") }
        depth += 1
        defer { depth -= 1 }
        return try read(&self)
    }

    /// object = "{" [ string ":" value { "," string ":" value } ] "}"
    private mutating func object() throws(DiagnosticError) -> JSONDocument.Value.Content {
        let open = offset
        offset += 1
        skipSpace()
        var members: [(key: String, value: JSONDocument.Value)] = []
        if offset < bytes.count && bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            return .object(members)
        }
        while true {
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                throw failure("expected a member name in double quotes, found \(found)")
            }
            let key = try string()
            skipSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw failure("expected ':' after member name \"\(key)\", found \(found)") }
            offset += 1
            skipSpace()
            members.append((key, try value()))
            skipSpace()
            guard offset < bytes.count else { throw failure("expected '}' to end the object begun at \(file.location(of: open)), found the end of the file") }
            if bytes[offset] == UInt8(ascii: "}") {
                offset += 1
                return .object(members)
            }
            guard bytes[offset] == UInt8(ascii: ",") else { throw failure("expected ',' or '}' after a member of an object, found \(found)") }
            offset += 1
            skipSpace()
        }
    }

    /// array = "[" [ value { "," value } ] "]"
    private mutating func array() throws(DiagnosticError) -> JSONDocument.Value.Content {
        let open = offset
        offset += 1
        skipSpace()
        var elements: [JSONDocument.Value] = []
        if offset < bytes.count && bytes[offset] == UInt8(ascii: "]") {
            offset += 1
            return .array(elements)
        }
        while true {
            elements.append(try value())
            skipSpace()
            guard offset < bytes.count else { throw failure("expected ']' to end the array begun at \(file.location(of: open)), found the end of the file") }
            if bytes[offset] == UInt8(ascii: "]") {
                offset += 1
                return .array(elements)
            }
            guard bytes[offset] == UInt8(ascii: ",") else { throw failure("expected ',' or ']' after an element of an array, found \(found)") }
            offset += 1
            skipSpace()
        }
    }

    /// A string with its escapes; the text must be valid UTF-8.
    private mutating func string() throws(DiagnosticError) -> String {
        let open = offset
        offset += 1
        var scalars = String.UnicodeScalarView()
        var runStart = offset
        func flush(_ parser: JSONParser, upTo end: Int) throws(DiagnosticError) {
            let run = parser.bytes[runStart..<end]
            let text = String(decoding: run, as: UTF8.self)
            guard text.utf8.count == run.count else { throw parser.failure("invalid UTF-8 in a string", at: runStart) }
            scalars.append(contentsOf: text.unicodeScalars)
        }
        while true {
            guard offset < bytes.count else { throw failure("unterminated string begun at \(file.location(of: open))", at: open) }
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                try flush(self, upTo: offset)
                offset += 1
                return String(scalars)
            }
            guard byte >= 0x20 else { throw failure("a control character must be escaped in a string", help: "write \\n for a line break") }
            guard byte == UInt8(ascii: "\\") else {
                offset += 1
                continue
            }
            try flush(self, upTo: offset)
            let escape = offset
            offset += 1
            guard offset < bytes.count else { throw failure("unterminated string begun at \(file.location(of: open))", at: open) }
            switch bytes[offset] {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{8}")
            case UInt8(ascii: "f"): scalars.append("\u{C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var code = try hex4(escape)
                if (0xD800..<0xDC00).contains(code) {
                    // A high surrogate must be followed by a low one.
                    guard offset + 2 < bytes.count, bytes[offset + 1] == UInt8(ascii: "\\"), bytes[offset + 2] == UInt8(ascii: "u") else {
                        throw failure("a lone surrogate \\u\(String(code, radix: 16)) in a string", at: escape)
                    }
                    offset += 2
                    let low = try hex4(escape)
                    guard (0xDC00..<0xE000).contains(low) else { throw failure("a lone surrogate \\u\(String(code, radix: 16)) in a string", at: escape) }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw failure("a lone surrogate \\u\(String(code, radix: 16)) in a string", at: escape) }
                scalars.append(scalar)
            default:
                throw failure("unknown escape in a string", at: escape, help: "the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")
            }
            offset += 1
            runStart = offset
        }
    }

    /// The four hex digits after `\u`; leaves `offset` on the last.
    private mutating func hex4(_ escape: Int) throws(DiagnosticError) -> UInt32 {
        guard offset + 4 < bytes.count else { throw failure("expected four hex digits after \\u", at: escape) }
        var code: UInt32 = 0
        for byte in bytes[(offset + 1)...(offset + 4)] {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { throw failure("expected four hex digits after \\u", at: escape) }
            code = code * 16 + UInt32(digit)
        }
        offset += 4
        return code
    }

    /// number = [ "-" ] int [ frac ] [ exp ], kept as written.
    private mutating func number() throws(DiagnosticError) -> String {
        let start = offset
        func digits(_ parser: inout JSONParser) -> Int {
            let from = parser.offset
            while parser.offset < parser.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(parser.bytes[parser.offset]) { parser.offset += 1 }
            return parser.offset - from
        }
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        let integerStart = offset
        guard digits(&self) > 0 else { throw failure("expected a digit in a number, found \(found)") }
        if bytes[integerStart] == UInt8(ascii: "0") && offset - integerStart > 1 { throw failure("a number cannot start with 0", at: integerStart) }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard digits(&self) > 0 else { throw failure("expected a digit after '.' in a number, found \(found)") }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard digits(&self) > 0 else { throw failure("expected a digit in the exponent of a number, found \(found)") }
        }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    private mutating func literal(_ word: String) -> Bool {
        let word = Array(word.utf8)
        guard bytes[offset...].starts(with: word) else { return false }
        offset += word.count
        return true
    }
}
