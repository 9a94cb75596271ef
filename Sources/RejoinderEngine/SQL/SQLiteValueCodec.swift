import CSQLite

/// Rejoinder values as SQLite values, and back.
///
/// Each value keeps its meaning in one column, by SQLite's storage class:
/// an integer is an INTEGER, a decimal a REAL, a symbol its TEXT (so the
/// printed SQL reads `'russia'`, and symbols compare by their text as the
/// language says), a range a 16-byte BLOB of its bounds, big-endian with
/// the sign bit flipped, so that byte order is the order of the bounds.
/// SQLite orders storage classes numbers < text < blobs: the language's
/// numbers < symbols < ranges. Equal values are stored alike (a decimal
/// with an integral value is the integer), so `=`, `UNIQUE` and `GROUP BY`
/// are exact.
struct SQLiteValueCodec {
    let symbols: SymbolTable

    /// SQLite copies the bytes it is given before the call returns.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }

    func result(_ value: Value, in context: OpaquePointer) {
        switch symbols.datum(value) {
        case .integer(let integer): sqlite3_result_int64(context, integer)
        case .double(let double): sqlite3_result_double(context, double)
        case .symbol(let text): sqlite3_result_text(context, text, -1, Self.transient)
        case .range(let lower, let upper):
            let bytes = Self.bytes(lower, upper)
            bytes.withUnsafeBytes { sqlite3_result_blob(context, $0.baseAddress, 16, Self.transient) }
        }
    }

    /// The value of column `column` of the current row.
    func column(_ statement: OpaquePointer, _ column: Int32) -> Value {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: return .number(sqlite3_column_double(statement, column))
        case SQLITE_BLOB: return range(sqlite3_column_blob(statement, column), Int(sqlite3_column_bytes(statement, column)))
        default: return text(sqlite3_column_text(statement, column), Int(sqlite3_column_bytes(statement, column)))
        }
    }

    /// The value of a function's argument; nil for SQL's NULL.
    func argument(_ value: OpaquePointer) -> Value? {
        switch sqlite3_value_type(value) {
        case SQLITE_NULL: return nil
        case SQLITE_INTEGER: return .integer(sqlite3_value_int64(value))
        case SQLITE_FLOAT: return .number(sqlite3_value_double(value))
        case SQLITE_BLOB: return range(sqlite3_value_blob(value), Int(sqlite3_value_bytes(value)))
        default: return text(sqlite3_value_text(value), Int(sqlite3_value_bytes(value)))
        }
    }

    private func text(_ pointer: UnsafePointer<UInt8>?, _ count: Int) -> Value {
        guard let pointer else { return symbols.symbol("") }
        return .symbol(symbols.intern(bytes: UnsafeBufferPointer(start: pointer, count: count)))
    }

    private func range(_ pointer: UnsafeRawPointer?, _ count: Int) -> Value {
        guard let pointer, count == 16 else { return symbols.symbol("") }
        var bounds: [Int64] = []
        for half in 0..<2 {
            var word: UInt64 = 0
            for byte in 0..<8 { word = word << 8 | UInt64(pointer.load(fromByteOffset: half * 8 + byte, as: UInt8.self)) }
            bounds.append(Int64(bitPattern: word ^ (1 << 63)))
        }
        return symbols.range(bounds[0]...bounds[1])
    }

    private static func bytes(_ lower: Int64, _ upper: Int64) -> [UInt8] {
        [lower, upper].flatMap { bound in
            let word = UInt64(bitPattern: bound) ^ (1 << 63)
            return (0..<8).map { UInt8(truncatingIfNeeded: word >> (56 - 8 * UInt64($0))) }
        }
    }
}
