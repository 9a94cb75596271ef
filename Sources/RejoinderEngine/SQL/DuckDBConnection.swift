#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A DuckDB database driven through DuckDB's command-line shell, which
/// runs as a child process reading statements on its standard input: no
/// Swift binding of DuckDB builds offline, while PyPI's `duckdb-cli`
/// ships the shell (`scripts/ensure-duckdb`).
///
/// After each statement the host asks the shell to print a line of its
/// own (`.print`), so it knows where the statement's output ends: the
/// rows, which `SQLDialect.valueRows` starts with `=`; the count of rows
/// changed (`.changes on`); and any other line, which is an error.
final class DuckDBConnection: SQLConnection {
    private let process: pid_t
    /// The host's end of the socket pair that is the shell's standard
    /// input, output and error (a socket, so that writing to a shell that
    /// has died fails instead of raising SIGPIPE).
    private let channel: Int32
    private var buffer: [UInt8] = []
    private let symbols: SymbolTable
    var budget: EvaluationBudget
    let place: String

    private static let endOfOutput = "rejoinder-end-of-output"

    init(path: String?, executable: String?, symbols: SymbolTable, budget: EvaluationBudget) throws(EvaluationFailure) {
        self.symbols = symbols
        self.budget = budget
        place = "'\(path ?? ":memory:")'"
        guard let shell = executable ?? Self.locate() else {
            throw .backend("DuckDB's shell was not found: set REJOINDER_DUCKDB to it, or put duckdb on the PATH (scripts/ensure-duckdb installs it)")
        }
        var pair: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            throw .backend("cannot start DuckDB: no socket pair")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] { posix_spawn_file_actions_adddup2(&actions, pair[1], descriptor) }
        let arguments = [shell, "-batch", "-noheader", "-list", path ?? ":memory:"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, shell, &actions, nil, &argv, environ)
        close(pair[1])
        guard status == 0 else {
            close(pair[0])
            throw .backend("cannot start DuckDB's shell \(shell): \(String(cString: strerror(status)))")
        }
        process = child
        channel = pair[0]
        do {
            try command(".changes on")
        } catch {
            throw .backend("DuckDB's shell \(shell) does not answer: \(error.message)")
        }
    }

    deinit {
        close(channel)
        var status: Int32 = 0
        waitpid(process, &status, 0)
    }

    /// `REJOINDER_DUCKDB`, else the first `duckdb` on the PATH.
    private static func locate() -> String? {
        if let named = getenv("REJOINDER_DUCKDB").map({ String(cString: $0) }), !named.isEmpty { return named }
        let path = getenv("PATH").map { String(cString: $0) } ?? ""
        for folder in path.split(separator: ":") where access("\(folder)/duckdb", X_OK) == 0 {
            return "\(folder)/duckdb"
        }
        return nil
    }

    var dialect: SQLDialect { .duckdb }

    func tables() throws(SQLEngineError) -> [String] {
        try run("SELECT '=' || CASE WHEN schema_name = 'main' THEN table_name ELSE schema_name || '.' || table_name END FROM duckdb_tables() ORDER BY 1")
            .rows.map { String($0.dropFirst()) }
    }

    func clear(_ tables: [String]) throws(SQLEngineError) {
        for table in tables { try execute("DROP TABLE \(dialect.identifier(table))") }
        try execute("DROP TYPE IF EXISTS rj_value")
    }

    @discardableResult
    func execute(_ sql: String) throws(SQLEngineError) -> Int {
        try run(sql).changes
    }

    func query(_ sql: String, arity: Int, row: ([Value]) -> Void) throws(SQLEngineError) {
        for line in try run(sql).rows {
            let texts = line.dropFirst().split(separator: "|", omittingEmptySubsequences: false)
            var values: [Value] = []
            for text in texts.prefix(arity) {
                guard let value = SQLValueText.decode(text, symbols: symbols) else {
                    throw SQLEngineError(message: "DuckDB returned \(line), which is no row of values", sql: sql)
                }
                values.append(value)
            }
            guard values.count == arity else { throw SQLEngineError(message: "DuckDB returned \(line), which is no row of values", sql: sql) }
            row(values)
        }
    }

    /// Runs one statement: its rows (lines starting with `=`) and the rows it changed.
    private func run(_ sql: String) throws(SQLEngineError) -> (rows: [Substring], changes: Int) {
        var rows: [Substring] = []
        var changes = 0
        var errors: [Substring] = []
        for line in try exchange(sql + ";\n.print \(Self.endOfOutput)\n", sql: sql) {
            if line.first == "=" {
                rows.append(line)
            } else if line.hasPrefix("changes:") {
                changes = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            } else {
                errors.append(line)
            }
        }
        guard errors.isEmpty else {
            let message = errors.joined(separator: "\n")
            throw SQLEngineError(message: message, sql: sql, arithmetic: SQLFunctions.error(in: message, symbols: symbols))
        }
        return (rows, changes)
    }

    /// A dot command of the shell.
    private func command(_ text: String) throws(SQLEngineError) {
        let lines = try exchange(text + "\n.print \(Self.endOfOutput)\n", sql: text)
        guard lines.isEmpty else { throw SQLEngineError(message: lines.joined(separator: "\n"), sql: text) }
    }

    /// Sends `input` and returns the lines the shell prints before the end-of-output line.
    private func exchange(_ input: String, sql: String) throws(SQLEngineError) -> [Substring] {
        var bytes = Array(input.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeMutableBytes { send(channel, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw SQLEngineError(message: "DuckDB's shell has stopped", sql: sql) }
            sent += count
        }
        var lines: [Substring] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var start = 0
        while true {
            while let end = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = end + 1
                if line == Self.endOfOutput {
                    buffer.removeSubrange(..<start)
                    return lines
                }
                lines.append(line[...])
            }
            let count = chunk.withUnsafeMutableBytes { read(channel, $0.baseAddress!, $0.count) }
            guard count > 0 else {
                throw SQLEngineError(message: "DuckDB's shell has stopped" + (lines.isEmpty ? "" : ": " + lines.joined(separator: "\n")), sql: sql)
            }
            buffer += chunk[..<count]
        }
    }
}
