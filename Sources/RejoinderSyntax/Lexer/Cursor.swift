/// A position in a byte buffer with the few moves a lexer needs.
struct Cursor {
    let bytes: [UInt8]
    private(set) var offset: Int

    init(bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset >= bytes.count }

    /// The byte `ahead` positions on, or 0 past the end (0 starts no token).
    func peek(_ ahead: Int = 0) -> UInt8 {
        let index = offset + ahead
        return index < bytes.count ? bytes[index] : 0
    }

    mutating func advance(_ count: Int = 1) {
        offset = min(bytes.count, offset + count)
    }

    mutating func advance(while predicate: (UInt8) -> Bool) {
        while offset < bytes.count, predicate(bytes[offset]) {
            offset += 1
        }
    }

    /// Advances past `byte` if it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte, !isAtEnd else { return false }
        offset += 1
        return true
    }
}

/// Byte classes of the lexis.
enum ByteClass {
    static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isIdentifierContinue(_ byte: UInt8) -> Bool {
        isLower(byte) || isUpper(byte) || isDigit(byte) || byte == 0x5F
    }
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
    }

    /// The length of the valid UTF-8 sequence starting at `offset`, or nil
    /// when the bytes there are not well-formed UTF-8 (overlong forms,
    /// surrogates and truncated sequences included).
    static func utf8SequenceLength(in bytes: [UInt8], at offset: Int) -> Int? {
        let first = bytes[offset]
        let length: Int
        var minimum: UInt32
        var scalar: UInt32
        switch first {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(first & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(first & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(first & 0x07)
        default: return nil
        }
        guard offset + length <= bytes.count else { return nil }
        for index in 1..<length {
            let byte = bytes[offset + index]
            guard byte & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return nil }
        return length
    }
}
