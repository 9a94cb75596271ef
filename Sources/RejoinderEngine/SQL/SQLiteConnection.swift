import CSQLite

/// An open SQLite database, with the `rj_` functions defined in Swift:
/// statements prepared once and kept by their text (a semi-naive round
/// runs the same ones again), run to completion.
final class SQLiteConnection: SQLConnection {
    private let handle: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]
    private let host: SQLiteFunctionHost
    let place: String

    /// The table names SQLite keeps for itself.
    private static let ownTables = "sqlite_%"

    init(path: String?, symbols: SymbolTable, budget: EvaluationBudget) throws(EvaluationFailure) {
        let file = path ?? ":memory:"
        place = "'\(path ?? "")'"
        var opened: OpaquePointer?
        let status = sqlite3_open_v2(file, &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, nil)
        guard status == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(opened)
            throw .backend("cannot open \(file): \(message)")
        }
        handle = opened
        host = SQLiteFunctionHost(codec: SQLiteValueCodec(symbols: symbols), budget: budget)
        host.install(in: handle)
        do {
            try execute("PRAGMA journal_mode = MEMORY")
            try execute("PRAGMA synchronous = OFF")
        } catch {
            throw .backend("cannot open \(file): \(error.message)")
        }
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    var dialect: SQLDialect { .sqlite }

    var budget: EvaluationBudget {
        get { host.budget }
        set { host.budget = newValue }
    }

    func tables() throws(SQLEngineError) -> [String] {
        var tables: [String] = []
        try run("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE '\(Self.ownTables)'") { statement in
            tables.append(String(cString: sqlite3_column_text(statement, 0)))
        }
        return tables
    }

    func clear(_ tables: [String]) throws(SQLEngineError) {
        for table in tables { try execute("DROP TABLE \(dialect.identifier(table))") }
    }

    @discardableResult
    func execute(_ sql: String) throws(SQLEngineError) -> Int {
        try run(sql) { _ in }
        return Int(sqlite3_changes64(handle))
    }

    func query(_ sql: String, arity: Int, row: ([Value]) -> Void) throws(SQLEngineError) {
        let codec = host.codec
        try run(sql) { statement in row((0..<Int32(arity)).map { codec.column(statement, $0) }) }
    }

    /// Runs one statement to completion, calling `row` with each result row.
    private func run(_ sql: String, row: (OpaquePointer) -> Void) throws(SQLEngineError) {
        host.arithmeticError = nil
        host.budgetFailure = nil
        let statement = try prepared(sql)
        defer { sqlite3_reset(statement) }
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw failure(sql) }
            row(statement)
        }
    }

    private func prepared(_ sql: String) throws(SQLEngineError) -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else { throw failure(sql) }
        statements[sql] = statement
        return statement
    }

    /// SQLite's error, with what stopped it: a function's error, or the budget.
    private func failure(_ sql: String) -> SQLEngineError {
        SQLEngineError(message: String(cString: sqlite3_errmsg(handle)), sql: sql, arithmetic: host.arithmeticError, failure: host.budgetFailure)
    }
}
