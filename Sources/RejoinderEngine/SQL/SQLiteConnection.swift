import CSQLite

/// An open SQLite database: statements prepared once and kept by their
/// text (a semi-naive round runs the same ones again), run to completion.
final class SQLiteConnection {
    private let handle: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]

    init(path: String) throws(EvaluationFailure) {
        var opened: OpaquePointer?
        let status = sqlite3_open_v2(path, &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, nil)
        guard status == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(opened)
            throw .backend("cannot open \(path): \(message)")
        }
        handle = opened
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    var database: OpaquePointer { handle }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Runs one statement, binding `parameters` (values of the program),
    /// and calls `row` with each result row.
    func run(_ sql: String, parameters: [Value] = [], codec: SQLiteValueCodec? = nil,
             row: ((OpaquePointer) throws(EvaluationFailure) -> Void)? = nil) throws(SQLiteError) {
        let statement = try prepared(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for (position, value) in parameters.enumerated() { codec!.bind(value, to: statement, at: Int32(position + 1)) }
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw SQLiteError(message: String(cString: sqlite3_errmsg(handle)), sql: sql) }
            do { try row?(statement) } catch { throw SQLiteError(message: "", sql: sql, failure: error) }
        }
    }

    private func prepared(_ sql: String) throws(SQLiteError) -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw SQLiteError(message: String(cString: sqlite3_errmsg(handle)), sql: sql)
        }
        statements[sql] = statement
        return statement
    }
}

/// A statement SQLite refused or stopped, or a failure met while reading its rows.
struct SQLiteError: Error {
    let message: String
    let sql: String
    var failure: EvaluationFailure?
}
