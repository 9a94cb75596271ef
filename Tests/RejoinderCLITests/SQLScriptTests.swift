import Foundation
import RejoinderTestSupport
import Testing

/// `rejoinder sql` prints the program as SQL a person can read (goldens
/// checked by hand), and the PostgreSQL and DuckDB scripts run as printed
/// in `psql` and `duckdb`, answering as the in-memory engine does (but for
/// a semi-naive stratum, whose round is printed once: the host repeats it).
@Suite struct SQLScriptTests {
    static let golden = ProjectPaths.root() + "/Tests/RejoinderCLITests/Golden/sql/"
    static let queries = ["?- N = count : { path(X, Y) }.", "?- named_path(A, B).", "?- sink(X).", "?- reach_count(X, N).", "?- active(X, Y)."]

    private func script(_ dialect: String) throws -> String {
        let result = try ProcessRunner.run(["sql", "--dialect", dialect, "--no-default-kb", Self.golden + "program.rj"] + Self.queries.flatMap { ["-e", $0] })
        #expect(result.status == 0 && result.error == "", "\(result.error)")
        return result.output.replacingOccurrences(of: Self.golden, with: "")
    }

    @Test(arguments: ["sqlite", "postgres", "duckdb"])
    func theScriptReadsAsRecorded(dialect: String) throws {
        #expect(Golden.mismatch(try script(dialect), file: Self.golden + "program.\(dialect).sql") == nil)
    }

    /// The answers of the queries as the shells print them (columns by
    /// `|`, no header), in the common ground; the lines sorted, as SQL
    /// returns rows in no particular order.
    private var expected: [String] {
        get throws {
            let result = try ProcessRunner.run(["run", "--no-default-kb", "--format", "tsv", Self.golden + "program.rj"] + Self.queries.flatMap { ["-e", $0] })
            #expect(result.status == 0, "\(result.error)")
            return result.output.split(whereSeparator: \.isNewline).filter { !["N", "A\tB", "X", "X\tN", "X\tY"].contains($0) }
                .map { $0.replacingOccurrences(of: "\t", with: "|") }.sorted()
        }
    }

    private func lines(_ output: String) -> [String] {
        output.split(whereSeparator: \.isNewline).map(String.init).sorted()
    }

    @Test(.enabled(if: TestServers.postgresURL != nil, "REJOINDER_TEST_POSTGRES is not set: the printed script did not run in psql"))
    func thePostgreSQLScriptRunsInPsql() throws {
        let path = NSTemporaryDirectory() + "rejoinder-script-\(UUID().uuidString).sql"
        try script("postgres").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let schema = "rejoinder_script_\(UUID().uuidString.prefix(8).lowercased())"
        let result = try ProcessRunner.run(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-v", "view=0", "-d", TestServers.postgresURL!,
                                            "-c", "SET client_min_messages = warning; CREATE SCHEMA \(schema); SET search_path = \(schema)", "-f", path, "-c", "DROP SCHEMA \(schema) CASCADE"],
                                           executable: "/usr/bin/psql")
        #expect(result.status == 0 && result.error == "", "\(result.error)")
        #expect(lines(result.output) == (try expected), "\(result.output)")
    }

    @Test(.enabled(if: TestServers.duckdbShell != nil, "REJOINDER_TEST_DUCKDB is not set: the printed script did not run in duckdb"))
    func theDuckDBScriptRunsInItsShell() throws {
        let path = NSTemporaryDirectory() + "rejoinder-script-\(UUID().uuidString).sql"
        try script("duckdb").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try ProcessRunner.run(["-batch", "-noheader", "-list", ":memory:"], executable: TestServers.duckdbShell!,
                                           input: "SET VARIABLE view = 0;\n.read \(path)\n")
        #expect(result.status == 0 && result.error == "", "\(result.error)")
        #expect(lines(result.output) == (try expected), "\(result.output)")
    }
}
