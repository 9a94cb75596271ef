/// What answering a query needs of an engine, so that every engine's
/// answer is assembled by the same code (`KnowledgeBase.answer`): the rows
/// of a planned query in one view, and a view's attack graph.
protocol QueryEvaluator: AnyObject {
    /// The limits of the query being answered.
    var budget: EvaluationBudget { get set }
    /// The distinct rows of the query's head terms in the view of `owner`.
    func answer(_ query: CompiledRule, plan: [PlanStep], slotCount: Int, in owner: Owner) throws(EvaluationFailure) -> Relation
    func framework(in owner: Owner) throws(EvaluationFailure) -> ViewFramework
}

/// Where queries run.
public enum EvaluationEngine: Sendable, Equatable {
    /// The in-memory evaluator (the default).
    case memory
    /// The program compiled to SQL and run on SQLite, in a database in
    /// memory or in the file at `path` (which keeps the tables afterwards).
    case sqlite(path: String?)
    /// On a PostgreSQL server (a libpq connection URL), in a schema of its
    /// own, which keeps the tables afterwards.
    case postgres(url: String, schema: String)
    /// On DuckDB, through its command-line shell `executable` (nil: the
    /// `REJOINDER_DUCKDB` variable, else `duckdb` on the PATH), in memory
    /// or in the file at `path`.
    case duckdb(path: String?, executable: String?)

    /// The engine an `--engine` argument names: `memory`, `sqlite`,
    /// `sqlite:PATH`, `postgres://…` or `postgresql://…` (with an optional
    /// `schema=NAME` parameter, `rejoinder` by default, taken out of the
    /// URL before libpq reads it), `duckdb` or `duckdb:PATH`.
    public init?(argument: String) {
        if argument == "memory" {
            self = .memory
        } else if argument == "sqlite" {
            self = .sqlite(path: nil)
        } else if argument.hasPrefix("sqlite:"), argument.count > "sqlite:".count {
            self = .sqlite(path: String(argument.dropFirst("sqlite:".count)))
        } else if argument.hasPrefix("postgres://") || argument.hasPrefix("postgresql://") {
            let parts = argument.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            var parameters = parts.count > 1 ? parts[1].split(separator: "&").map(String.init) : []
            var schema = "rejoinder"
            if let position = parameters.firstIndex(where: { $0.hasPrefix("schema=") }) {
                schema = String(parameters.remove(at: position).dropFirst("schema=".count))
                guard !schema.isEmpty else { return nil }
            }
            self = .postgres(url: String(parts[0]) + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&")), schema: schema)
        } else if argument == "duckdb" {
            self = .duckdb(path: nil, executable: nil)
        } else if argument.hasPrefix("duckdb:"), argument.count > "duckdb:".count {
            self = .duckdb(path: String(argument.dropFirst("duckdb:".count)), executable: nil)
        } else {
            return nil
        }
    }
}
