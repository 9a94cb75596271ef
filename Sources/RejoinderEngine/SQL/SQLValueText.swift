/// A value as PostgreSQL's and DuckDB's `rj_text` write it, for the host
/// to read back: `i42`, `d2.5` (a decimal, in digits that read back as
/// the same double), `s` and the symbol's UTF-8 bytes in hexadecimal (so
/// that no symbol breaks a line or a column), `r2013:2016`.
enum SQLValueText {
    static func decode(_ text: Substring, symbols: SymbolTable) -> Value? {
        guard let kind = text.first else { return nil }
        let rest = text.dropFirst()
        switch kind {
        case "i": return Int64(rest).map(Value.integer)
        case "d": return Double(rest).map(Value.number)
        case "s":
            var bytes: [UInt8] = []
            bytes.reserveCapacity(rest.utf8.count / 2)
            var high: UInt8?
            for byte in rest.utf8 {
                guard let digit = hexDigit(byte) else { return nil }
                if let first = high {
                    bytes.append(first << 4 | digit)
                    high = nil
                } else {
                    high = digit
                }
            }
            guard high == nil else { return nil }
            return bytes.withUnsafeBufferPointer { .symbol(symbols.intern(bytes: $0)) }
        case "r":
            let bounds = rest.split(separator: ":", maxSplits: 1)
            guard bounds.count == 2, let lower = Int64(bounds[0]), let upper = Int64(bounds[1]), lower <= upper else { return nil }
            return symbols.range(lower...upper)
        default:
            return nil
        }
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
