import RejoinderSyntax

/// The built-in predicates of argumentation, and where they are "written"
/// (for diagnostics and `why`).
///
/// Each reads one view's attack graph: the claims and evidence of the view
/// (`is_a(X, claim)`, `is_a(X, evidence)`) are the arguments, its
/// `rebuts/2` rows the attacks. They read both non-monotonically, so a rule
/// that feeds `rebuts` from one of them is a stratification error.
enum Builtin: String, CaseIterable {
    /// `status(X, S)`: grounded acceptance, S in accepted, rejected, undecided.
    case status
    /// `labelling(X, L)`: the grounded labelling, L in in, out, undec.
    case labelling
    /// `credulous(X, Sem)`: X is in some extension under Sem.
    case credulous
    /// `skeptical(X, Sem)`: X is in every extension under Sem, and there is one.
    case skeptical

    static let file = SourceFile(name: "<built-in>", text: """
    status(Argument, Status) :- grounded semantics of rebuts(Attacker, Argument) among is_a(Argument, claim) and is_a(Argument, evidence).
    labelling(Argument, Label) :- the grounded labelling (in, out, undec) of the same attack graph.
    credulous(Argument, Semantics) :- Argument is in some extension of the attack graph under Semantics.
    skeptical(Argument, Semantics) :- Argument is in every extension of the attack graph under Semantics, and there is one.

    """)

    /// Every value the built-ins' second columns take.
    static var values: [String] {
        AttackGraph.Semantics.allCases.map(\.rawValue) + [Builtin.status, .labelling].flatMap { builtin in
            [AttackGraph.Label.inside, .outside, .undecided].map(builtin.value)
        }
    }

    /// The predicates every built-in reads.
    static let inputs = ["is_a", "rebuts"]

    /// The name of the joint view, in which every source's attacks meet.
    static let jointView = "debate"

    /// The built-in's name on its line of `file` (one line each, in case order).
    var span: SourceSpan {
        let line = Builtin.allCases.firstIndex(of: self)! + 1
        let start = Builtin.file.offset(ofLine: line)
        return SourceSpan(file: Builtin.file, range: SourceRange(start: start, end: start + rawValue.utf8.count))
    }

    /// The built-in's whole line of `file`: its definition in words.
    var lineRange: SourceRange {
        let start = span.range.start
        let end = Builtin.file.bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? Builtin.file.bytes.count
        return SourceRange(start: start, end: end)
    }

    /// The error on a fact or rule that would define the built-in.
    func definitionError(at span: SourceSpan) -> Diagnostic {
        let meaning = switch self {
        case .status: "the grounded status of each claim and piece of evidence"
        case .labelling: "the grounded labelling (in, out, undec) of each claim and piece of evidence"
        case .credulous: "the arguments in some extension of each semantics"
        case .skeptical: "the arguments in every extension of each semantics"
        }
        return .error("\(rawValue)/2 is built in: it holds \(meaning)", at: span,
                      help: "state attacks with rebuts/2 and query \(rawValue)(C, \(self == .status || self == .labelling ? "L" : "Sem")); or name your predicate differently")
    }

    /// The values of the built-in's second column for a grounded label.
    func value(for label: AttackGraph.Label) -> String {
        switch (self, label) {
        case (.status, .inside): return "accepted"
        case (.status, .outside): return "rejected"
        case (.status, .undecided): return "undecided"
        case (_, .inside): return "in"
        case (_, .outside): return "out"
        case (_, .undecided): return "undec"
        }
    }
}

/// The ids of the built-ins and of what they read, registered before any
/// knowledge so that their arities are fixed.
struct ArgumentationPredicates: Sendable {
    let builtins: [Builtin: PredicateID]
    let isA: PredicateID
    let rebuts: PredicateID

    subscript(builtin: Builtin) -> PredicateID { builtins[builtin]! }

    /// The built-in a predicate is, if any.
    func builtin(_ predicate: PredicateID) -> Builtin? {
        builtins.first { $0.value == predicate }?.key
    }

    /// What each built-in reads, where it is written, for the stratifier.
    var dependencies: [(head: PredicateID, body: PredicateID, range: SourceRange)] {
        Builtin.allCases.flatMap { builtin in [(self[builtin], isA, builtin.span.range), (self[builtin], rebuts, builtin.span.range)] }
    }
}

/// The attack graph of one view, its arguments numbered in a deterministic
/// order, with the grounded labelling computed once and the other
/// semantics' acceptance computed when first asked for.
///
/// The grounded labelling keeps the step that settled each label, so that
/// an explanation can always point to an earlier step: an accepted
/// argument's attackers were rejected before it, and a rejected argument's
/// accepted attacker was accepted before it.
final class ViewFramework {
    let arguments: [Value]
    let index: [Value: Int]
    let graph: AttackGraph
    let grounded: [AttackGraph.Label]
    /// The step that settled each grounded label (nil: undecided).
    let steps: [Int?]
    private var acceptance: [AttackGraph.Semantics: AttackGraph.Acceptance] = [:]

    /// `poll` runs every few thousand steps, so that a huge framework still
    /// stops on Ctrl-C or when time is up.
    init(arguments: [Value], attacks: [(attacker: Value, target: Value)],
         poll: () throws(EvaluationFailure) -> Void) throws(EvaluationFailure) {
        var all = Set(arguments)
        for attack in attacks {
            all.insert(attack.attacker)
            all.insert(attack.target)
        }
        // Numbered in a deterministic order, whatever the hashing.
        let numbered = all.sorted { $0.payload < $1.payload || ($0.payload == $1.payload && $0.tag.rawValue < $1.tag.rawValue) }
        let index = Dictionary(uniqueKeysWithValues: numbered.enumerated().map { ($1, $0) })
        self.arguments = numbered
        self.index = index
        graph = AttackGraph(count: numbered.count, attacks: attacks.map { (index[$0.attacker]!, index[$0.target]!) })
        (grounded, steps) = try graph.grounded(poll: poll)
    }

    func attackers(of argument: Value) -> [Value] {
        index[argument].map { graph.attackers[$0].map { arguments[$0] } } ?? []
    }

    func label(of argument: Value) -> AttackGraph.Label? {
        index[argument].map { grounded[$0] }
    }

    func step(of argument: Value) -> Int {
        index[argument].flatMap { steps[$0] } ?? Int.max
    }

    func acceptance(_ semantics: AttackGraph.Semantics, poll: () throws(EvaluationFailure) -> Void) throws(EvaluationFailure) -> AttackGraph.Acceptance {
        if let known = acceptance[semantics] { return known }
        let computed = try graph.acceptance(semantics, poll: poll)
        acceptance[semantics] = computed
        return computed
    }
}
