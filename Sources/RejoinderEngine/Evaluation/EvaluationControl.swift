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

/// Why an evaluation stopped without an answer.
enum EvaluationFailure: Error {
    /// A computation failed in an expression of `file`.
    case arithmetic(ArithmeticError, SourceFile)
    case cancelled

    /// The failure as a diagnostic (cancellation is not one; the caller says so).
    var diagnostic: Diagnostic? {
        guard case .arithmetic(let error, let file) = self else { return nil }
        return .error(error.message, at: SourceSpan(file: file, range: error.range), help: error.help)
    }
}
