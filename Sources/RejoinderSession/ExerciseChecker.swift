import RejoinderEngine
import RejoinderSyntax

/// The verdict on a submitted answer.
public struct ExerciseVerdict: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case correct
        /// Different rows from the reference.
        case incorrect
        /// The right rows here, but not on a changed fact base.
        case spelledOut = "spelled out"
        /// The submission does not run (a syntax or analysis error, no query).
        case invalid
    }

    public let outcome: Outcome
    /// What to tell the student: the first line sums up, the others detail.
    public let message: String

    public init(outcome: Outcome, message: String) {
        self.outcome = outcome
        self.message = message
    }

    public var isCorrect: Bool { outcome == .correct }
}

/// Checks a student's query against an exercise's reference answer: the
/// two must give the same answer set on the knowledge base and on seeded
/// variants of it, some with entities (sources included) removed and some
/// with stored facts of any relation removed, so that every relation an
/// answer depends on changes on some variant. The reference runs on the
/// variant alone, the student's query with the submission's own facts and
/// rules added: rows written out as facts stay the same on every variant
/// while the reference's change, and are refused.
struct ExerciseChecker {
    /// The variants after the knowledge base itself, in order.
    static let families: [VariantFamily] = Array(repeating: .entities(fraction: 0.25), count: 4)
        + Array(repeating: .facts(fraction: 0.2), count: 4)
    static var variantCount: Int { families.count }
    /// Rows listed in a message before "… and N more".
    static let listedRows = 8

    let knowledgeBase: KnowledgeBase

    /// `definitions` are the submission's own facts and rules, loaded with
    /// its query on every variant.
    func check(_ exercise: Exercise, query: Query, in file: SourceFile, definitions: [SyntaxTree] = []) -> ExerciseVerdict {
        let referenceFile = SourceFile(name: "<answer of \(exercise.id)>", text: exercise.answer)
        let referenceStatement = Parser.parse(referenceFile).statements.first
        if case .explanation(let reference)? = referenceStatement {
            return ExerciseVerdict(outcome: .invalid, message: "not yet: this exercise asks for an explanation; answer with \(reference.isNegated ? "why not" : "why") and the statement, not a query")
        }
        guard case .query(let reference)? = referenceStatement else {
            return ExerciseVerdict(outcome: .invalid, message: "the exercise's reference answer is not a query")
        }
        let seed = Self.seed(exercise.id)
        // One time limit for the whole check, whatever the number of
        // variants; Ctrl-C stops it at any variant (they share the control).
        let timeLimit = knowledgeBase.limits.timeLimit
        let deadline = knowledgeBase.limits.deadline()
        for variant in 0...Self.variantCount {
            let family = variant == 0 ? .facts(fraction: 0) : Self.families[variant - 1]
            let base = knowledgeBase.variant(seed: seed &+ UInt64(variant), family: family)
            if let deadline {
                guard ContinuousClock.now < deadline else {
                    return ExerciseVerdict(outcome: .invalid, message: "the check stopped: it took longer than the time limit of \(Datum.shortest(timeLimit)) s")
                }
                base.sharedDeadline = deadline
            }
            let expected: Answer, found: Answer
            do {
                expected = try base.answer(reference, in: referenceFile)
            } catch {
                if case .cancelled = error { return ExerciseVerdict(outcome: .invalid, message: "the check was cancelled") }
                // A variant can leave the reference without what it needs;
                // such a variant says nothing either way.
                if variant == 0 { return ExerciseVerdict(outcome: .invalid, message: "the exercise's reference answer fails: \(Self.describe(error))") }
                continue
            }
            if !definitions.isEmpty {
                do {
                    try base.load(definitions)
                } catch {
                    return ExerciseVerdict(outcome: .invalid, message: "your definitions do not load:\n" + DiagnosticFormatter().format(error.diagnostics))
                }
            }
            do {
                found = try base.answer(query, in: file)
            } catch {
                if case .cancelled = error { return ExerciseVerdict(outcome: .invalid, message: "the check was cancelled") }
                return ExerciseVerdict(outcome: .invalid, message: "your query fails: \(Self.describe(error))")
            }
            let difference = AnswerDifference.between(reference: AnswerSet(expected), student: AnswerSet(found))
            guard difference.isEmpty else {
                if variant == 0 { return ExerciseVerdict(outcome: .incorrect, message: Self.explain(difference)) }
                return ExerciseVerdict(outcome: .spelledOut, message: """
                    not yet: your query gives the right rows on this knowledge base, but not when some facts are removed (variant \(variant) of \(Self.variantCount)); ask for the answer rather than listing it
                    """)
            }
        }
        return ExerciseVerdict(outcome: .correct, message: "correct")
    }

    private static func explain(_ difference: AnswerDifference) -> String {
        if let columns = difference.columns {
            return "not yet: the answer has \(columns.expected) column\(columns.expected == 1 ? "" : "s"), yours has \(columns.found)"
        }
        var lines: [String] = []
        var summary: [String] = []
        if !difference.missing.isEmpty { summary.append("\(difference.missing.count) row\(difference.missing.count == 1 ? "" : "s") missing") }
        if !difference.extra.isEmpty { summary.append("\(difference.extra.count) extra") }
        if !difference.missingViews.isEmpty {
            summary.append("the question asks about \(difference.missingViews.joined(separator: " and ")) too")
        }
        lines.append("not yet: " + summary.joined(separator: ", "))
        for (title, rows) in [("missing", difference.missing), ("extra", difference.extra)] where !rows.isEmpty {
            for (view, row) in rows.prefix(listedRows) {
                let values = row.map(\.sourceText).joined(separator: ", ")
                lines.append("  \(title)\(view.map { " (according to \($0))" } ?? ""): \(values.isEmpty ? "yes" : values)")
            }
            if rows.count > listedRows { lines.append("  … and \(rows.count - listedRows) more \(title)") }
        }
        return lines.joined(separator: "\n")
    }

    private static func describe(_ error: QueryFailure) -> String {
        switch error {
        case .cancelled: return "cancelled"
        case .invalid(let diagnostics):
            // The first line says it all for a report; the rest shows where.
            guard let first = diagnostics.first else { return "" }
            return "\(first.message)" + (first.help.map { " (\($0))" } ?? "") + "\n" + DiagnosticFormatter().format(diagnostics)
        }
    }

    /// Checks a `why` (or `why not`) given as an answer. An exercise that
    /// asks for an explanation is answered by explaining the same statement
    /// in the same view; one that asks for a query is not answered by a
    /// `why`, and the verdict says what to ask instead.
    func check(_ exercise: Exercise, explanation: Explanation) -> ExerciseVerdict {
        let referenceFile = SourceFile(name: "<answer of \(exercise.id)>", text: exercise.answer)
        guard case .explanation(let reference)? = Parser.parse(referenceFile).statements.first else {
            return ExerciseVerdict(outcome: .invalid, message: """
                not yet: a why explains one statement, and this exercise asks for the rows of a query; \
                end with the query itself (a why before it is fine)
                """)
        }
        let printer = SourcePrinter()
        guard printer.print(.explanation(explanation)) == printer.print(.explanation(reference)) else {
            return ExerciseVerdict(outcome: .incorrect, message: "not yet: the exercise asks about another statement, or another view")
        }
        return ExerciseVerdict(outcome: .correct, message: "correct")
    }

    /// A stable seed from the exercise id, so variants are reproducible.
    static func seed(_ id: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
        return hash
    }
}
