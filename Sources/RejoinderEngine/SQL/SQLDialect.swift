import RejoinderSyntax

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

    /// The declared type of a value column of `kind`.
    ///
    /// SQLite keeps each value's storage class, and a STRICT table's `ANY`
    /// column stores it as given, with no conversion: integers as INTEGER,
    /// decimals as REAL, symbols as their TEXT, ranges as a 16-byte BLOB.
    /// SQLite's own order of storage classes (numbers < text < blobs) is
    /// then the language's (numbers < symbols < ranges), and a plain
    /// INTEGER or TEXT column holds the same values the same way.
    /// PostgreSQL and DuckDB have no column of several types: `rj_value` is
    /// a composite (a STRUCT) that the prelude defines, whose field order is
    /// the language's value order; their plain columns are BIGINT and text
    /// compared by its bytes.
    func columnType(_ kind: SQLColumnKind) -> String {
        switch (self, kind) {
        case (.sqlite, .integer): return "INTEGER"
        case (.sqlite, .symbol): return "TEXT"
        case (.sqlite, .value): return "ANY"
        case (_, .integer): return "BIGINT"
        case (.postgres, .symbol): return "TEXT COLLATE \"C\""
        case (_, .symbol): return "VARCHAR"
        case (_, .value): return "rj_value"
        }
    }

    var viewType: String { self == .sqlite ? "INTEGER" : "BIGINT" }

    /// `TABLE`, or on PostgreSQL `UNLOGGED TABLE`: the tables are a working
    /// copy that every run replaces, so they skip the write-ahead log (they
    /// outlive a clean shutdown, not a crash).
    var tableKeyword: String { self == .postgres ? "UNLOGGED TABLE" : "TABLE" }

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

    /// The statement that brings the planner's statistics of `tables` up
    /// to date once they are filled, on PostgreSQL, which plans from
    /// statistics only ANALYZE (or autovacuum, later) gathers: without
    /// them it guesses sizes that make nested loops over large tables (the
    /// debate's questions over ten times the shipped base took 21 s, and
    /// 4 s with them). SQLite and DuckDB plan well enough from what they
    /// know already.
    func analyze(_ tables: [String]) -> String? {
        self == .postgres && !tables.isEmpty ? "ANALYZE " + tables.joined(separator: ", ") : nil
    }

    /// The view a printed statement runs for: a variable of the engine's
    /// shell (the host writes the view's number instead).
    var viewParameter: String { self == .duckdb ? "getvariable('view')" : ":view" }

    /// How to run the printed script by hand, where it can be.
    var settingTheView: String? {
        switch self {
        case .sqlite: return nil
        case .postgres: return "By hand, for the common ground: psql -v view=0 -f SCRIPT (in a schema of its own)."
        case .duckdb: return "By hand, for the common ground: SET VARIABLE view = 0; then .read SCRIPT in duckdb."
        }
    }

    /// A constant given the type of a column of `kind`.
    func typed(_ constant: String, as kind: SQLColumnKind) -> String {
        guard self != .sqlite, kind != .value else { return constant }
        let type = columnType(kind)
        return self == .postgres && kind == .symbol ? "CAST(\(constant) AS TEXT) COLLATE \"C\"" : "CAST(\(constant) AS \(type))"
    }

    /// `expression` as a general value, what the `rj_` functions take.
    /// On SQLite a plain column holds its values as an `ANY` column does.
    func general(_ expression: SQLExpression) -> String {
        switch (self, expression.kind) {
        case (.sqlite, _), (_, .value): return expression.text
        case (_, .integer): return "rj_int(\(expression.text))"
        case (_, .symbol): return "rj_sym(\(expression.text))"
        }
    }

    /// `expression` as a column of `kind` holds it. Analysis puts in a
    /// plain column only values of its kind, so a general value read into
    /// one is of that kind.
    func converted(_ expression: SQLExpression, to kind: SQLColumnKind) -> String {
        if self == .sqlite || expression.kind == kind { return expression.text }
        let value = general(expression)
        switch kind {
        case .value: return value
        case .integer: return self == .duckdb ? "struct_extract(\(value), 'int')" : "(\(value)).int"
        case .symbol: return self == .duckdb ? "struct_extract(\(value), 'txt')" : "(\(value)).txt"
        }
    }

    /// A comparison. `=` and `!=` are SQL's, since equal values are stored
    /// alike (compared as general values when the two are held apart). Two
    /// integers, or two symbols, are ordered in SQL (symbols by their
    /// bytes, as the language orders them); any other ordering calls the
    /// `rj_` function, which also rejects values of two classes.
    func compare(_ op: ComparisonOperator, _ left: SQLExpression, _ right: SQLExpression) -> String {
        let alike = left.kind == right.kind || self == .sqlite
        let name: String
        switch op {
        case .equal, .notEqual:
            let symbol = op == .equal ? "=" : "<>"
            return alike ? "\(left.text) \(symbol) \(right.text)" : "\(general(left)) \(symbol) \(general(right))"
        case .less: name = "rj_lt"
        case .lessOrEqual: name = "rj_le"
        case .greater: name = "rj_gt"
        case .greaterOrEqual: name = "rj_ge"
        }
        if left.kind == right.kind && left.kind != .value {
            let collated = self == .postgres && left.kind == .symbol ? " COLLATE \"C\"" : ""
            return "\(left.text)\(collated) \(op.rawValue) \(right.text)"
        }
        return "\(name)(\(general(left)), \(general(right)))"
    }

    /// A constant in SQL: an integer or a symbol plain, so that it meets a
    /// plain column as it is.
    func literal(_ value: Value, symbols: SymbolTable) -> SQLExpression {
        switch symbols.datum(value) {
        case .integer(let integer):
            // -9223372036854775808 would read as minus a too-large integer.
            return SQLExpression(text: integer == .min ? "(-9223372036854775807 - 1)" : String(integer), kind: .integer)
        case .double(let double):
            var text = "\(double)"
            if !text.contains(".") && !text.contains("e") { text += ".0" }
            // A decimal literal would be DuckDB's DECIMAL, whose conversion
            // may round differently; the text reads back as the same double.
            switch self {
            case .sqlite: return SQLExpression(text: text, kind: .value)
            case .postgres: return SQLExpression(text: "rj_dec(CAST('\(text)' AS float8))", kind: .value)
            case .duckdb: return SQLExpression(text: "rj_dec(CAST('\(text)' AS DOUBLE))", kind: .value)
            }
        case .symbol(let string):
            return SQLExpression(text: text(string), kind: .symbol)
        case .range(let lower, let upper):
            return SQLExpression(text: self == .sqlite ? "rj_range(\(lower), \(upper))" : "rj_span(\(lower), \(upper))", kind: .value)
        }
    }

    /// A SELECT of value columns held as `kinds`, made readable by the
    /// host: on PostgreSQL and DuckDB each value as the `rj_text` of its
    /// general value, and on DuckDB (read as the lines of its command-line
    /// shell) each row as one line after `=`.
    func valueRows(of select: String, kinds: [SQLColumnKind]) -> String {
        guard self != .sqlite else { return select }
        let names = kinds.indices.map { "v\($0 + 1)" }
        let texts = zip(names, kinds).map { "rj_text(\(general(SQLExpression(text: "q.\($0)", kind: $1))))" }
        let from = "\nFROM (\n\(select)) AS q" + (kinds.isEmpty ? "" : "(\(names.joined(separator: ", ")))")
        switch self {
        case .duckdb: return "SELECT '=' || concat_ws('|', \(texts.isEmpty ? "''" : texts.joined(separator: ", ")))" + from
        default: return "SELECT " + (texts.isEmpty ? "1" : texts.joined(separator: ", ")) + from
        }
    }
}
