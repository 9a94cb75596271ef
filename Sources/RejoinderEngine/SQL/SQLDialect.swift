/// The SQL engines a program runs on (`rejoinder run --engine`) and is
/// printed for (`rejoinder sql --dialect`): the same plan, with each
/// engine's spelling of what differs.
public enum SQLDialect: String, CaseIterable, Sendable {
    case sqlite, postgres, duckdb

    /// A table or column name, always quoted: predicates may be called
    /// `order`, `count` or `to`.
    func identifier(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// A string constant.
    func text(_ string: String) -> String {
        "'" + string.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }

    /// The declared type of a column that holds Rejoinder values.
    ///
    /// SQLite keeps each value's storage class, and a STRICT table's `ANY`
    /// column stores it as given, with no conversion: integers as INTEGER,
    /// decimals as REAL, symbols as their TEXT, ranges as a 16-byte BLOB.
    /// SQLite's own order of storage classes (numbers < text < blobs) is
    /// then the language's (numbers < symbols < ranges). PostgreSQL and
    /// DuckDB have no column of several types: `rj_value` is a composite
    /// (a STRUCT) that the prelude defines, whose field order is the
    /// language's value order.
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

    /// Whether a table of values can have a UNIQUE constraint and indexes:
    /// DuckDB indexes no STRUCT column, so its tables are sets by the
    /// `EXCEPT` of every insert instead.
    var indexesValues: Bool { self != .duckdb }

    /// Whether a recursive common table expression may have several
    /// recursive SELECTs (PostgreSQL and DuckDB allow one, after a single
    /// `UNION`); a stratum that needs more runs as semi-naive rounds.
    var allowsSeveralRecursiveSelects: Bool { self == .sqlite }

    /// `INSERT … ` that skips rows already present (the tables are sets).
    func insertIgnoring(into table: String, columns: [String]) -> (prefix: String, suffix: String) {
        let target = "\(table) (\(columns.joined(separator: ", ")))"
        switch self {
        case .sqlite: return ("INSERT OR IGNORE INTO \(target)", "")
        case .postgres: return ("INSERT INTO \(target)", "\nON CONFLICT DO NOTHING")
        case .duckdb: return ("INSERT INTO \(target) SELECT * FROM (", ")\nEXCEPT SELECT \(columns.joined(separator: ", ")) FROM \(table)")
        }
    }

    /// A named parameter: the view a printed statement runs for.
    var viewParameter: String { self == .duckdb ? "$view" : ":view" }

    /// A value from an SQL integer expression (a year of an enumeration).
    func integer(_ expression: String) -> String {
        self == .sqlite ? expression : "rj_int(\(expression))"
    }

    /// The number of rows of a group, as a value.
    var count: String { integer("count(*)") }

    /// A constant in SQL.
    func literal(_ value: Value, symbols: SymbolTable) -> String {
        switch symbols.datum(value) {
        case .integer(let integer):
            // -9223372036854775808 would read as minus a too-large integer.
            return self.integer(integer == .min ? "(-9223372036854775807 - 1)" : String(integer))
        case .double(let double):
            var text = "\(double)"
            if !text.contains(".") && !text.contains("e") { text += ".0" }
            // A decimal literal would be DuckDB's DECIMAL, whose conversion
            // may round differently; the text reads back as the same double.
            switch self {
            case .sqlite: return text
            case .postgres: return "rj_dec(CAST('\(text)' AS float8))"
            case .duckdb: return "rj_dec(CAST('\(text)' AS DOUBLE))"
            }
        case .symbol(let string):
            return self == .sqlite ? text(string) : "rj_sym(\(text(string)))"
        case .range(let lower, let upper):
            return self == .sqlite ? "rj_range(\(lower), \(upper))" : "rj_span(\(lower), \(upper))"
        }
    }

    /// A SELECT of value columns made readable by the host: on PostgreSQL
    /// and DuckDB each value as its `rj_text`, and on DuckDB (read as the
    /// lines of its command-line shell) each row as one line after `=`.
    func valueRows(of select: String, arity: Int) -> String {
        guard self != .sqlite else { return select }
        let names = (0..<arity).map { "v\($0 + 1)" }
        let texts = names.map { "rj_text(q.\($0))" }
        let from = "\nFROM (\n\(select)) AS q" + (arity == 0 ? "" : "(\(names.joined(separator: ", ")))")
        switch self {
        case .duckdb: return "SELECT '=' || concat_ws('|', \(texts.isEmpty ? "''" : texts.joined(separator: ", ")))" + from
        default: return "SELECT " + (texts.isEmpty ? "1" : texts.joined(separator: ", ")) + from
        }
    }
}
