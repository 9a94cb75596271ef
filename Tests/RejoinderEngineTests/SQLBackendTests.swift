import CSQLite
import Foundation
@testable import RejoinderEngine
import RejoinderSyntax
import RejoinderTestSupport
import Testing

/// Cases for the SQL backend beyond the evaluation corpus (whose every
/// query `rows` already runs on each SQL engine at hand): deep recursion, mutual
/// recursion, views, and values that SQL would otherwise get wrong.
@Suite struct SQLBackendTests {
    /// A chain of 3,000 steps: one WITH RECURSIVE (linear) to its end, and
    /// 1,000 semi-naive rounds (non-linear) along its first 1,000 links. A
    /// round is a few statements, so rounds, not rows, are what costs on a
    /// server: 3,000 take about 45 s on PostgreSQL and DuckDB here, 0.1 s on
    /// SQLite.
    @Test func deepChain() throws {
        let steps = 3_000
        let facts = (0..<steps).map { "next(\($0), \($0 + 1))." }.joined(separator: "\n")
        let program = facts + """

            reach(0).
            reach(Y) :- reach(X), next(X, Y).
            far(X, Y) :- next(X, Y), Y <= 1000.
            far(X, Z) :- far(X, Y), far(Y, Z), X = 0.
            """
        #expect(try rows(program, "?- N = count : { reach(X) }.") == ["\(steps + 1)"])
        #expect(try rows(program, "?- far(0, 1000).") == [""])
        #expect(try rows(program, "?- far(0, 1001).") == [])
    }

    /// Even and odd through each other over 2,000 numbers: a semi-naive
    /// loop of 2,000 rounds over two delta tables.
    @Test func mutualRecursion() throws {
        let facts = (0..<2_000).map { "next(\($0), \($0 + 1))." }.joined(separator: "\n")
        let program = facts + """

            even(0).
            even(Y) :- odd(X), next(X, Y).
            odd(Y) :- even(X), next(X, Y).
            """
        #expect(try rows(program, "?- N = count : { even(X) }, M = count : { odd(Y) }.") == ["1001 1000"])
    }

    @Test func valuesKeepTheirMeaning() throws {
        let program = """
            v(1). v(2.5). v("2020"). v(russia). v(2013..2016).
            half(X, Y) :- v(X), X = 1, Y = X / 2.
            whole(Y) :- v(X), X = 1, Y = X * 4 / 2.
            big(Y) :- v(X), X = 1, Y = 9223372036854775807 + X.
            years(Y) :- v(R), R != "2020", R != russia, Y in R.
            """
        #expect(try rows(program, "?- v(X).") == ["1", "2.5", "\"2020\"", "russia", "2013..2016"])
        #expect(try rows(program, "?- half(_, Y).") == ["0.5"])
        #expect(try rows(program, "?- whole(Y), Y = 2.") == ["2"])
        #expect(try rows(program, "?- years(Y).") == ["1", "2013", "2014", "2015", "2016"])
        #expect(throws: DiagnosticError.self) { try rows(program, "?- big(Y).") }
        // Ordering a symbol against a number is a type error on every engine
        // (with one number: which failing row an engine meets first is its own).
        #expect(throws: DiagnosticError.self) { try rows(program, "?- v(X), v(Y), X < Y, X = russia, Y = 1.") }
        #expect(try rows(program, "?- v(X), v(Y), X = russia, Y = \"2020\", X > Y.") == ["russia \"2020\""])
    }

    @Test func viewsAndTheJointView() throws {
        let program = """
            source a "A". source b "B".
            claim c1. claim c2.
            according to a: rebuts(c2, c1).
            according to b { claim c3. rebuts(c3, c2). }
            edge(1, 2).
            according to a: edge(2, 3).
            path(X, Y) :- edge(X, Y).
            path(X, Z) :- path(X, Y), edge(Y, Z).
            """
        #expect(try rows(program, "?- path(1, X).", vocabulary: true) == ["2 @ all", "3 @ a"])
        // In the joint view c3 (b's) defeats c2, which no longer defeats c1.
        #expect(try rows(program, "?- status(C, S) according to debate.", vocabulary: true) == ["c1 accepted", "c2 rejected", "c3 accepted"])
        #expect(try rows(program, "?- status(C, accepted) contrast a, b, debate.", vocabulary: true)
                == ["c1 | no yes yes", "c2 | yes no no", "c3 | no yes yes"])
    }

    /// `--engine sqlite:PATH` on a database someone else made refuses it
    /// and leaves every table as it was; one it made itself is reused.
    @Test func aForeignDatabaseIsNeverEmptied() throws {
        let path = NSTemporaryDirectory() + "rejoinder-foreign-\(UUID().uuidString).db"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let base = try knowledgeBase("p(1).")
        #expect(try answerRows(base, "?- p(X).", engine: .sqlite(path: path)) == ["1"])
        // Made by Rejoinder: a second run replaces its tables.
        let again = try knowledgeBase("p(2).")
        #expect(try answerRows(again, "?- p(X).", engine: .sqlite(path: path)) == ["2"])
        try FileManager.default.removeItem(atPath: path)
        let foreign = SQLiteFixture(path: path)
        try foreign.run("CREATE TABLE important (x)")
        try foreign.run("INSERT INTO important VALUES (42)")
        #expect(throws: DiagnosticError.self) { try answerRows(base, "?- p(X).", engine: .sqlite(path: path)) }
        #expect(try foreign.count("important") == 1)
    }

    /// Without PostgreSQL's client library, asking for a server says what
    /// to install; the library itself opens where the tests run.
    @Test func aMissingClientLibraryIsNamed() throws {
        guard case .failure(let missing) = LibPQ.open(["libpq-rejoinder-absent.so.5"]) else {
            Issue.record("a library that does not exist opened")
            return
        }
        #expect(missing.reason.hasPrefix("its client library is missing (") && missing.reason.contains("libpq-rejoinder-absent.so.5"))
        #expect(missing.reason.hasSuffix("; install libpq5 (apt-get install libpq5)"))
        if case .failure(let missing) = LibPQ.open(LibPQ.names) { Issue.record("libpq did not open: \(missing.reason)") }
    }

    /// A server that cannot be reached is one located diagnostic on one
    /// line: libpq's hint, on a line of its own, follows after a semicolon.
    @Test func anUnreachableServerIsOneLineOfDiagnostic() throws {
        let base = try knowledgeBase("p(1).")
        let engine = try #require(EvaluationEngine(argument: "postgresql:///rejoinder?host=/nonexistent-rejoinder-socket"))
        #expect {
            try answerRows(base, "?- p(X).", engine: engine)
        } throws: { error in
            let message = (error as? DiagnosticError)?.diagnostics.first?.message ?? ""
            // libpq's own words may be translated; their shape is not.
            return message.hasPrefix("the SQL engine failed: cannot connect to PostgreSQL: ") && message.contains("/nonexistent-rejoinder-socket/")
                && message.contains("; ") && !message.contains("\n") && !message.contains("\t")
        }
    }

    /// On PostgreSQL the evaluator works in a schema of its own: it makes
    /// it, replaces it when its marker is there, and refuses one that
    /// holds anything else, leaving it as it was.
    @Test(.enabled(if: TestServers.postgresURL != nil, "REJOINDER_TEST_POSTGRES is not set: nothing ran on PostgreSQL"))
    func aForeignSchemaIsNeverEmptied() throws {
        let url = TestServers.postgresURL!
        let schema = "rejoinder_foreign_\(UUID().uuidString.prefix(8).lowercased())"
        let server = try PostgresFixture(url: url)
        defer { try? server.run("DROP SCHEMA IF EXISTS \(schema) CASCADE") }
        let base = try knowledgeBase("p(1).")
        #expect(try answerRows(base, "?- p(X).", engine: .postgres(url: url, schema: schema)) == ["1"])
        let again = try knowledgeBase("p(2).")
        #expect(try answerRows(again, "?- p(X).", engine: .postgres(url: url, schema: schema)) == ["2"])
        try server.run("DROP SCHEMA \(schema) CASCADE")
        try server.run("CREATE SCHEMA \(schema)")
        try server.run("CREATE TABLE \(schema).important (x integer)")
        try server.run("INSERT INTO \(schema).important VALUES (42)")
        #expect(throws: DiagnosticError.self) { try answerRows(base, "?- p(X).", engine: .postgres(url: url, schema: schema)) }
        #expect(try server.count("\(schema).important") == 1)
    }

    /// `--engine duckdb:PATH` keeps its tables in the file, and refuses a
    /// file someone else made.
    @Test(.enabled(if: TestServers.duckdbShell != nil, "REJOINDER_TEST_DUCKDB is not set: nothing ran on DuckDB"))
    func aForeignDuckDBFileIsNeverEmptied() throws {
        let shell = TestServers.duckdbShell!
        let path = NSTemporaryDirectory() + "rejoinder-foreign-\(UUID().uuidString).duckdb"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let base = try knowledgeBase("p(1).")
        #expect(try answerRows(base, "?- p(X).", engine: .duckdb(path: path, executable: shell)) == ["1"])
        let again = try knowledgeBase("p(2).")
        #expect(try answerRows(again, "?- p(X).", engine: .duckdb(path: path, executable: shell)) == ["2"])
        try FileManager.default.removeItem(atPath: path)
        #expect(try duckdb(shell, path, "CREATE TABLE important (x INTEGER); INSERT INTO important VALUES (42);") == "")
        #expect(throws: DiagnosticError.self) { try answerRows(base, "?- p(X).", engine: .duckdb(path: path, executable: shell)) }
        #expect(try duckdb(shell, path, "SELECT count(*) FROM important;") == "1\n")
    }

    private func duckdb(_ shell: String, _ path: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = ["-batch", "-noheader", "-list", path, "-c", sql]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// A PostgreSQL connection made by hand through libpq, as another program
/// would make one.
private final class PostgresFixture {
    private let libpq: LibPQ
    private let connection: LibPQ.Connection

    struct Failure: Error { let message: String }

    init(url: String) throws {
        libpq = try LibPQ.loaded()
        guard let connection = libpq.connectdb(url), libpq.status(connection) == LibPQ.connectionOK else { throw Failure(message: "cannot connect to \(url)") }
        self.connection = connection
        try run("SET client_min_messages = warning")
    }

    deinit {
        libpq.finish(connection)
    }

    func run(_ sql: String) throws {
        let result = libpq.exec(connection, sql)
        defer { libpq.clear(result) }
        guard [LibPQ.commandOK, LibPQ.tuplesOK].contains(libpq.resultStatus(result)) else {
            throw Failure(message: String(cString: libpq.errorMessage(connection)!))
        }
    }

    func count(_ table: String) throws -> Int {
        let result = libpq.exec(connection, "SELECT count(*) FROM \(table)")
        defer { libpq.clear(result) }
        guard libpq.resultStatus(result) == LibPQ.tuplesOK else { throw Failure(message: String(cString: libpq.errorMessage(connection)!)) }
        return Int(String(cString: libpq.getvalue(result, 0, 0)!)) ?? -1
    }
}

/// A database made by hand through SQLite's C interface, as another
/// program would make it.
private struct SQLiteFixture {
    let path: String

    struct Failure: Error { let message: String }

    private func withDatabase<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        var database: OpaquePointer?
        guard sqlite3_open(path, &database) == SQLITE_OK, let database else { throw Failure(message: "cannot open \(path)") }
        defer { sqlite3_close(database) }
        return try body(database)
    }

    func run(_ sql: String) throws {
        try withDatabase { database in
            guard sqlite3_exec(database, sql, nil, nil, nil) == SQLITE_OK else { throw Failure(message: String(cString: sqlite3_errmsg(database))) }
        }
    }

    func count(_ table: String) throws -> Int {
        try withDatabase { database in
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(database, "SELECT count(*) FROM \(table)", -1, &statement, nil) == SQLITE_OK else {
                throw Failure(message: String(cString: sqlite3_errmsg(database)))
            }
            defer { sqlite3_finalize(statement) }
            guard sqlite3_step(statement) == SQLITE_ROW else { throw Failure(message: "no row") }
            return Int(sqlite3_column_int64(statement, 0))
        }
    }
}
