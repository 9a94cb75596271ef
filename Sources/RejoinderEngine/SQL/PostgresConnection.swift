import CLibPQ

/// A connection to a PostgreSQL server through libpq, working in a schema
/// of its own (the prelude's type and functions, the tables): values
/// travel as the text of `rj_text`, errors as the server's message.
///
/// A statement runs to its end: the budget is checked between statements.
final class PostgresConnection: SQLConnection {
    private let handle: OpaquePointer
    private let symbols: SymbolTable
    private let schema: String
    var budget: EvaluationBudget
    let place: String

    init(url: String, schema: String, symbols: SymbolTable, budget: EvaluationBudget) throws(EvaluationFailure) {
        self.symbols = symbols
        self.schema = schema
        self.budget = budget
        place = "the schema '\(schema)' of the PostgreSQL server"
        guard let handle = PQconnectdb(url) else { throw .backend("cannot connect to PostgreSQL: out of memory") }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines()
            PQfinish(handle)
            throw .backend("cannot connect to PostgreSQL: \(message)")
        }
        self.handle = handle
        do {
            // Notices (a DROP … CASCADE lists what it drops) would reach the terminal.
            try execute("SET client_min_messages = warning")
            // The shortest text that reads back as the same double.
            try execute("SET extra_float_digits = 1")
            // A lost transaction is a lost query, which runs again.
            try execute("SET synchronous_commit = off")
            try execute("SET search_path = \(SQLDialect.postgres.identifier(schema))")
        } catch {
            throw .backend("cannot set up the PostgreSQL session: \(error.message)")
        }
    }

    deinit {
        PQfinish(handle)
    }

    var dialect: SQLDialect { .postgres }

    /// What the schema holds: relations (tables, indexes, types) and functions.
    func tables() throws(SQLEngineError) -> [String] {
        let name = dialect.text(schema)
        return try rows("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = \(name) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
            UNION ALL SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = \(name)
            ORDER BY 1
            """).map { $0[0] }
    }

    func clear(_ tables: [String]) throws(SQLEngineError) {
        let name = dialect.identifier(schema)
        try execute("DROP SCHEMA IF EXISTS \(name) CASCADE")
        try execute("CREATE SCHEMA \(name)")
    }

    @discardableResult
    func execute(_ sql: String) throws(SQLEngineError) -> Int {
        let result = try run(sql)
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    func query(_ sql: String, arity: Int, row: ([Value]) -> Void) throws(SQLEngineError) {
        let result = try run(sql)
        defer { PQclear(result) }
        for index in 0..<PQntuples(result) {
            var values: [Value] = []
            values.reserveCapacity(arity)
            for column in 0..<Int32(arity) {
                let text = String(cString: PQgetvalue(result, index, column))
                guard let value = SQLValueText.decode(text[...], symbols: symbols) else {
                    throw SQLEngineError(message: "PostgreSQL returned \(text), which is no value", sql: sql)
                }
                values.append(value)
            }
            row(values)
        }
    }

    /// The rows of a query as text.
    private func rows(_ sql: String) throws(SQLEngineError) -> [[String]] {
        let result = try run(sql)
        defer { PQclear(result) }
        return (0..<PQntuples(result)).map { index in
            (0..<PQnfields(result)).map { String(cString: PQgetvalue(result, index, $0)) }
        }
    }

    private func run(_ sql: String) throws(SQLEngineError) -> OpaquePointer {
        guard let result = PQexec(handle, sql) else {
            throw SQLEngineError(message: String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines(), sql: sql)
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK:
            return result
        default:
            let primary = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
            let message = primary ?? String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines()
            PQclear(result)
            throw SQLEngineError(message: message, sql: sql, arithmetic: SQLFunctions.error(in: message, symbols: symbols))
        }
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}
