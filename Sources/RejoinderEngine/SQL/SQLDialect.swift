/// The SQL engines `rejoinder sql` prints for. Only SQLite runs the
/// statements today (`rejoinder run --engine sqlite`); the other two print
/// the same plan with their own spelling of what differs.
public enum SQLDialect: String, CaseIterable, Sendable {
    case sqlite, postgres, duckdb

    /// A table or column name, always quoted: predicates may be called
    /// `order`, `count` or `to`.
    func identifier(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// The declared type of a column that holds Rejoinder values.
    ///
    /// SQLite keeps each value's storage class, and a STRICT table's `ANY`
    /// column stores it as given, with no conversion: integers as INTEGER,
    /// decimals as REAL, symbols as their TEXT, ranges as a 16-byte BLOB.
    /// SQLite's own order of storage classes (numbers < text < blobs) is
    /// then the language's (numbers < symbols < ranges). PostgreSQL and
    /// DuckDB have no column of several types; their text names the type
    /// `rj_value` that the step running them will define.
    var valueType: String {
        switch self {
        case .sqlite: return "ANY"
        case .postgres, .duckdb: return "rj_value"
        }
    }

    var viewType: String { self == .sqlite ? "INTEGER" : "BIGINT" }

    /// What ends a `CREATE TABLE`: SQLite's STRICT keeps `ANY` columns free
    /// of type affinity (a symbol "2020" stays text).
    var tableOptions: String { self == .sqlite ? " STRICT" : "" }

    /// `INSERT … ` that skips rows already present (the tables are sets).
    func insertIgnoring(into table: String, columns: [String]) -> (prefix: String, suffix: String) {
        let target = "\(table) (\(columns.joined(separator: ", ")))"
        switch self {
        case .sqlite: return ("INSERT OR IGNORE INTO \(target)", "")
        case .postgres, .duckdb: return ("INSERT INTO \(target)", "\nON CONFLICT DO NOTHING")
        }
    }

    /// A named parameter: the view a printed statement runs for.
    var viewParameter: String { self == .duckdb ? "$view" : ":view" }

    /// A constant in SQL.
    func literal(_ value: Value, symbols: SymbolTable) -> String {
        switch symbols.datum(value) {
        case .integer(let integer):
            // -9223372036854775808 would read as minus a too-large integer.
            return integer == .min ? "(-9223372036854775807 - 1)" : String(integer)
        case .double(let double):
            var text = "\(double)"
            if !text.contains(".") && !text.contains("e") { text += ".0" }
            return text
        case .symbol(let text):
            return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        case .range(let lower, let upper):
            return "rj_range(\(lower), \(upper))"
        }
    }
}
