import Foundation
import RejoinderEngine
import RejoinderTestSupport
import Synchronization

/// The SQL engines the differential tests compare with the in-memory
/// engine: SQLite always; PostgreSQL when `REJOINDER_TEST_POSTGRES` is a
/// libpq URL of a server to use; DuckDB when `REJOINDER_TEST_DUCKDB` is
/// its shell (`.ci/run` sets both).
struct SQLEngines: Sendable {
    let name: String
    /// Runs `body` with an engine of its own: tests run in parallel, and
    /// two evaluations must not share a PostgreSQL schema.
    let withEngine: @Sendable (_ body: (EvaluationEngine) throws -> [String]) throws -> [String]

    static let available: [SQLEngines] = {
        var engines = [SQLEngines(name: "SQLite") { body in try body(.sqlite(path: nil)) }]
        if let url = TestServers.postgresURL {
            engines.append(SQLEngines(name: "PostgreSQL") { body in
                let schema = schemas.withLock { $0.popLast() } ?? "rejoinder_test_\(UUID().uuidString.prefix(8).lowercased())"
                defer { schemas.withLock { $0.append(schema) } }
                return try body(.postgres(url: url, schema: schema))
            })
        }
        if let shell = TestServers.duckdbShell {
            engines.append(SQLEngines(name: "DuckDB") { body in try body(.duckdb(path: nil, executable: shell)) })
        }
        return engines
    }()

    /// The PostgreSQL schemas no test is using: each evaluation replaces
    /// the tables of the one it takes, so there are never more than tests
    /// running at once.
    private static let schemas = Mutex<[String]>([])
}
