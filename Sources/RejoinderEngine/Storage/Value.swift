import RejoinderSyntax

/// A value as the engine stores it: a type tag and 64 bits.
///
/// Integers and doubles are stored inline; symbols and ranges are ids into a
/// `SymbolTable`. A double with an integral value that fits in 64 bits is
/// always stored as the integer, so `2020 = 2020.0` holds and equal numbers
/// have equal bits: rows can be hashed and compared without decoding.
public struct Value: Hashable, Sendable {
    /// The kind of a value; the raw values give the cross-type order of
    /// LANGUAGE.md §2 (numbers < symbols < ranges).
    public enum Tag: UInt8, Sendable {
        case integer = 0, double = 1, symbol = 2, range = 3
    }

    public let tag: Tag
    public let payload: UInt64

    @inline(__always)
    public init(tag: Tag, payload: UInt64) {
        self.tag = tag
        self.payload = payload
    }

    @inline(__always)
    public static func integer(_ value: Int64) -> Value {
        Value(tag: .integer, payload: UInt64(bitPattern: value))
    }

    /// A number from a double, stored as an integer when it is one.
    public static func number(_ value: Double) -> Value {
        if value.rounded(.towardZero) == value, value >= -9.223372036854775808e18, value < 9.223372036854775808e18 {
            return .integer(Int64(value))
        }
        return Value(tag: .double, payload: value.bitPattern)
    }

    @inline(__always)
    public static func symbol(_ id: SymbolID) -> Value {
        Value(tag: .symbol, payload: UInt64(id.rawValue))
    }

    public var isNumber: Bool { tag == .integer || tag == .double }

    public var integerValue: Int64? { tag == .integer ? Int64(bitPattern: payload) : nil }

    /// The value as a double when it is a number.
    public var doubleValue: Double? {
        switch tag {
        case .integer: return Double(Int64(bitPattern: payload))
        case .double: return Double(bitPattern: payload)
        default: return nil
        }
    }

    public var symbolID: SymbolID? { tag == .symbol ? SymbolID(rawValue: UInt32(truncatingIfNeeded: payload)) : nil }
}

/// Exact comparison of two numbers, also between a large integer and a double.
enum NumberOrder {
    static func compare(_ lhs: Value, _ rhs: Value) -> Int {
        switch (lhs.tag, rhs.tag) {
        case (.integer, .integer):
            let a = Int64(bitPattern: lhs.payload), b = Int64(bitPattern: rhs.payload)
            return a < b ? -1 : (a == b ? 0 : 1)
        case (.double, .double):
            let a = Double(bitPattern: lhs.payload), b = Double(bitPattern: rhs.payload)
            return a < b ? -1 : (a == b ? 0 : 1)
        case (.integer, _):
            return compare(integer: Int64(bitPattern: lhs.payload), double: Double(bitPattern: rhs.payload))
        default:
            return -compare(integer: Int64(bitPattern: rhs.payload), double: Double(bitPattern: lhs.payload))
        }
    }

    /// The sign of `integer - double`, exact even where converting the
    /// integer to a double would round.
    private static func compare(integer: Int64, double: Double) -> Int {
        if double.isNaN { return -1 }
        if double >= 9.223372036854775808e18 { return -1 }
        if double < -9.223372036854775808e18 { return 1 }
        let floor = Int64(double.rounded(.down))
        if integer < floor { return -1 }
        if integer > floor { return 1 }
        return double == double.rounded(.down) ? 0 : -1
    }
}

/// A value resolved for display and export: symbols as their text.
public enum Datum: Hashable, Sendable {
    case integer(Int64)
    case double(Double)
    case symbol(String)
    case range(Int64, Int64)

    /// The value as written in the language (`russia`, `"Ka Ho Wong"`, `2013..2016`).
    public var sourceText: String {
        switch self {
        case .integer(let value): return String(value)
        case .double(let value): return Datum.shortest(value)
        case .symbol(let text): return Lexer.isPlainName(text) ? text : StringLiteral.quote(text)
        case .range(let lower, let upper): return "\(lower)..\(upper)"
        }
    }

    /// The value as plain text, with no quotes (for tables and CSV).
    public var plainText: String {
        switch self {
        case .symbol(let text): return text
        default: return sourceText
        }
    }

    /// The shortest text that reads back as the same double.
    public static func shortest(_ value: Double) -> String {
        var text = "\(value)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}
