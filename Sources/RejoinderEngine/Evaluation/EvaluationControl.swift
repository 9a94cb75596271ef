import RejoinderSyntax
import Synchronization

/// Lets another thread (a Ctrl-C handler) stop an evaluation in progress.
/// The evaluator polls the flag between rounds and every few thousand rows
/// inside joins, and stops with `EvaluationFailure.cancelled`.
public final class EvaluationControl: Sendable {
    private let cancelRequested = Atomic<Bool>(false)

    public init() {}

    /// Asks the running evaluation to stop; safe from any thread.
    public func cancel() {
        cancelRequested.store(true, ordering: .relaxed)
    }

    /// Clears a cancellation before the next evaluation.
    public func reset() {
        cancelRequested.store(false, ordering: .relaxed)
    }

    public var isCancelled: Bool { cancelRequested.load(ordering: .relaxed) }
}

/// How far one query (or explanation, or export) may go before it is
/// stopped: runaway recursion, like `n(X) :- n(Y), X = Y + 1.`, must end in
/// an error, not fill the memory or hang the prompt. Zero means no limit.
public struct EvaluationLimits: Sendable, Equatable {
    /// Rows that rules (and the query itself) may add, in all.
    public var maximumDerivedFacts: Int
    /// Seconds of evaluation.
    public var timeLimit: Double
    /// Megabytes the derived rows may take, in all: a count of rows alone
    /// lets a wide relation fill the memory long before it is reached.
    public var maximumDerivedMegabytes: Int
    /// Seconds beyond which a time limit counts as none: a century.
    public static let longestTimeLimit = 3.2e9

    public init(maximumDerivedFacts: Int = 10_000_000, timeLimit: Double = 60, maximumDerivedMegabytes: Int = 2_048) {
        self.maximumDerivedFacts = maximumDerivedFacts
        self.timeLimit = timeLimit
        self.maximumDerivedMegabytes = maximumDerivedMegabytes
    }

    /// When a time limit that starts now ends; nil for none (zero, or past
    /// a century, which would overflow the clock).
    public func deadline(from start: ContinuousClock.Instant = .now) -> ContinuousClock.Instant? {
        guard timeLimit > 0 && timeLimit < Self.longestTimeLimit else { return nil }
        return start + .milliseconds(Int64(timeLimit * 1000))
    }

    /// What one row of `arity` values takes at most: a payload and a tag
    /// per value, and its slot in the relation's index (`Relation` keeps
    /// many columns in 4 bytes a value, and counts its rows as it holds them).
    static func bytesPerRow(arity: Int) -> Int { arity * 9 + Relation.bytesPerRowOutsideCells }
}

/// What one evaluation has used of its limits, checked as it goes.
final class EvaluationBudget {
    let control: EvaluationControl
    let limits: EvaluationLimits
    private let deadline: ContinuousClock.Instant?
    private var derivedFacts = 0
    private var derivedBytes = 0
    /// The relation being derived, for the error when time runs out.
    var deriving = "the query"

    /// `sharedDeadline` ends the evaluation sooner than its own time limit
    /// would (when several evaluations share one budget of time).
    init(control: EvaluationControl, limits: EvaluationLimits, sharedDeadline: ContinuousClock.Instant? = nil) {
        self.control = control
        self.limits = limits
        deadline = [limits.deadline(), sharedDeadline].compactMap { $0 }.min()
    }

    /// Stops on Ctrl-C or when the time is up.
    func check() throws(EvaluationFailure) {
        if control.isCancelled { throw .cancelled }
        if let deadline, ContinuousClock.now >= deadline { throw .timeLimit(seconds: limits.timeLimit, relation: deriving) }
    }

    /// Counts rows a rule (or the query) added to `relation`.
    func derived(_ count: Int, into relation: String, bytesPerRow: Int) throws(EvaluationFailure) {
        derivedFacts += count
        derivedBytes += count * bytesPerRow
        if limits.maximumDerivedFacts > 0 && derivedFacts > limits.maximumDerivedFacts {
            throw .factLimit(limits.maximumDerivedFacts, relation: relation)
        }
        if limits.maximumDerivedMegabytes > 0 && derivedBytes > limits.maximumDerivedMegabytes << 20 {
            throw .memoryLimit(megabytes: limits.maximumDerivedMegabytes, relation: relation)
        }
    }
}

/// Why an evaluation stopped without an answer.
enum EvaluationFailure: Error {
    /// A computation failed in an expression of `file`.
    case arithmetic(ArithmeticError, SourceFile)
    case cancelled
    /// More rows were derived than the limit allows; `relation` grew past it.
    case factLimit(Int, relation: String)
    /// The derived rows took more memory than the limit allows.
    case memoryLimit(megabytes: Int, relation: String)
    case timeLimit(seconds: Double, relation: String)
    /// The SQL engine failed (it could not open its database, or refused
    /// a statement); the message is the engine's.
    case backend(String)

    /// The failure as a diagnostic, at the failing expression or else at
    /// `statement` (cancellation is not one; the caller says so).
    func diagnostic(at statement: SourceSpan) -> Diagnostic? {
        switch self {
        case .arithmetic(let error, let file):
            return .error(error.message, at: SourceSpan(file: file, range: error.range), help: error.help)
        case .cancelled:
            return nil
        case .factLimit(let limit, let relation):
            return .error("evaluation stopped: \(relation) grew past the limit of \(limit) derived facts", at: statement,
                          help: "rules that keep making new values never finish; if this one does, raise the limit with --max-facts N or :set max-facts N (0 for none)")
        case .memoryLimit(let megabytes, let relation):
            return .error("evaluation stopped: \(relation) grew past the limit of \(megabytes) MB of derived facts", at: statement,
                          help: "a rule with many columns makes large facts; if this one should finish, raise the limit with --max-memory MB or :set max-memory MB (0 for none)")
        case .backend(let message):
            return .error("the SQL engine failed: \(message)", at: statement)
        case .timeLimit(let seconds, let relation):
            return .error("evaluation stopped after \(Datum.shortest(seconds)) s (the time limit) while deriving \(relation)", at: statement,
                          help: "raise the limit with --timeout SECONDS or :set timeout SECONDS (0 for none)")
        }
    }
}
