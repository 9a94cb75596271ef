/// A connection to a PostgreSQL server through libpq, working in a schema
/// of its own (the prelude's type and functions, the tables): values
/// travel as the text of `rj_text`, errors as the server's message.
///
/// A statement runs to its end: the budget is checked between statements.
final class PostgresConnection: SQLConnection {
    private let libpq: LibPQ
    private let handle: LibPQ.Connection
    private let symbols: SymbolTable
    private let schema: String
    var budget: EvaluationBudget
    let place: String

    init(url: String, schema: String, symbols: SymbolTable, budget: EvaluationBudget) throws(EvaluationFailure) {
        self.symbols = symbols
        self.schema = schema
        self.budget = budget
        place = "the schema '\(schema)' of the PostgreSQL server"
        let libpq = try LibPQ.loaded()
        self.libpq = libpq
        guard let handle = libpq.connectdb(url) else { throw .backend("cannot connect to PostgreSQL: out of memory") }
        guard libpq.status(handle) == LibPQ.connectionOK else {
            let message = String(cString: libpq.errorMessage(handle)!).joiningLines()
            libpq.finish(handle)
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
        libpq.finish(handle)
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
        defer { libpq.clear(result) }
        return Int(String(cString: libpq.cmdTuples(result)!)) ?? 0
    }

    func query(_ sql: String, arity: Int, row: ([Value]) -> Void) throws(SQLEngineError) {
        let result = try run(sql)
        defer { libpq.clear(result) }
        for index in 0..<libpq.ntuples(result) {
            var values: [Value] = []
            values.reserveCapacity(arity)
            for column in 0..<Int32(arity) {
                let text = String(cString: libpq.getvalue(result, index, column)!)
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
        defer { libpq.clear(result) }
        return (0..<libpq.ntuples(result)).map { index in
            (0..<libpq.nfields(result)).map { String(cString: libpq.getvalue(result, index, $0)!) }
        }
    }

    private func run(_ sql: String) throws(SQLEngineError) -> LibPQ.Result {
        guard let result = libpq.exec(handle, sql) else {
            throw SQLEngineError(message: String(cString: libpq.errorMessage(handle)!).joiningLines(), sql: sql)
        }
        switch libpq.resultStatus(result) {
        case LibPQ.commandOK, LibPQ.tuplesOK:
            return result
        default:
            let primary = libpq.resultErrorField(result, LibPQ.primaryMessageField).map { String(cString: $0) }
            let message = primary ?? String(cString: libpq.resultErrorMessage(result)!).joiningLines()
            libpq.clear(result)
            throw SQLEngineError(message: message, sql: sql, arithmetic: SQLFunctions.error(in: message, symbols: symbols))
        }
    }
}

extension String {
    /// libpq's message as one line: it puts a hint on a line of its own,
    /// indented by a tab, and ends with a line break; a diagnostic holds
    /// one line (it would show a break inside it as `\u{A}`).
    func joiningLines() -> String {
        split(whereSeparator: \.isNewline).map { $0.drop(while: \.isWhitespace) }.filter { !$0.isEmpty }.joined(separator: "; ")
    }
}
