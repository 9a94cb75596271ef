import Foundation

/// The SQL servers and shells the environment offers the tests: a libpq
/// URL of a PostgreSQL server in `REJOINDER_TEST_POSTGRES`, DuckDB's shell
/// in `REJOINDER_TEST_DUCKDB` (`.ci/run` sets both). A test that needs one
/// that is not set says it was skipped.
public enum TestServers {
    public static let postgresURL = setting("REJOINDER_TEST_POSTGRES")
    public static let duckdbShell = setting("REJOINDER_TEST_DUCKDB")

    private static func setting(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}
