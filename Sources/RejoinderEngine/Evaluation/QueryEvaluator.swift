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
}
