/// An open database of one SQL engine, as `SQLEvaluator` drives it: run a
/// statement and learn how many rows it changed, read rows of values. The
/// evaluator holds the strata, the views and the semi-naive rounds; a
/// connection only knows its engine's interface and how values cross it.
protocol SQLConnection: AnyObject {
    var dialect: SQLDialect { get }
    /// Where the tables are, for messages: a file, or a schema of a server.
    var place: String { get }
    /// Polled while a statement runs where the engine can be interrupted
    /// (SQLite); the others are checked between statements.
    var budget: EvaluationBudget { get set }
    /// The tables in the place the evaluator writes to.
    func tables() throws(SQLEngineError) -> [String]
    /// Removes `tables` (the evaluator's own, from an earlier run) and what
    /// else an earlier run defined there, so that the prelude and the
    /// schema can be created anew.
    func clear(_ tables: [String]) throws(SQLEngineError)
    /// Runs one statement; the number of rows it inserted or deleted.
    @discardableResult
    func execute(_ sql: String) throws(SQLEngineError) -> Int
    /// Runs a SELECT of `arity` value columns, calling `row` with each row.
    func query(_ sql: String, arity: Int, row: ([Value]) -> Void) throws(SQLEngineError)
}

/// A statement an engine refused or stopped.
struct SQLEngineError: Error {
    let message: String
    let sql: String
    /// An `rj_` function failed: the engine's own error for its arguments.
    var arithmetic: ArithmeticError?
    /// The budget ran out or was cancelled while the statement ran.
    var failure: EvaluationFailure?
}

extension EvaluationEngine {
    /// A connection to this engine's database; nil for the in-memory engine.
    func connection(symbols: SymbolTable, budget: EvaluationBudget) throws(EvaluationFailure) -> any SQLConnection {
        switch self {
        case .memory: preconditionFailure("the in-memory engine has no SQL connection")
        case .sqlite(let path): return try SQLiteConnection(path: path, symbols: symbols, budget: budget)
        case .postgres(let url, let schema): return try PostgresConnection(url: url, schema: schema, symbols: symbols, budget: budget)
        case .duckdb(let path, let executable): return try DuckDBConnection(path: path, executable: executable, symbols: symbols, budget: budget)
        }
    }
}
