/// How a value column is stored in SQL. A column that analysis shows can
/// hold only integers (`ColumnTypes`) is a plain SQL integer, one that can
/// hold only symbols is text; any other holds the engine's general value
/// (`ANY` on SQLite, the prelude's `rj_value` on PostgreSQL and DuckDB).
/// Plain columns are what make the SQL fast on the engines with a
/// composite value: their joins, indexes and sets compare a machine
/// integer or bytes rather than a record of seven fields.
enum SQLColumnKind: Hashable {
    case integer, symbol, value

    init(_ type: ColumnType) {
        switch type {
        case .integer: self = .integer
        case .symbol: self = .symbol
        default: self = .value
        }
    }
}

/// An SQL expression and how it holds its value.
struct SQLExpression {
    let text: String
    let kind: SQLColumnKind
}
