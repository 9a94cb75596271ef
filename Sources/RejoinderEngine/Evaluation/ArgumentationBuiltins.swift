import RejoinderSyntax

/// The built-in predicates of argumentation, and where they are "written"
/// (for diagnostics and `why`).
///
/// Each reads one view's attack graph: the entities of the kinds the
/// vocabulary names as arguments are the arguments, the rows of its attack
/// relations the attacks (`Vocabulary`). They read both non-monotonically,
/// so a rule that feeds an attack relation from one of them is a
/// stratification error.
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
    status(Argument, Status) :- grounded semantics of the vocabulary's attack relations among the entities of its argument kinds.
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
        case .status: "the grounded status of each argument"
        case .labelling: "the grounded labelling (in, out, undec) of each argument"
        case .credulous: "the arguments in some extension of each semantics"
        case .skeptical: "the arguments in every extension of each semantics"
        }
        return .error("\(rawValue)/2 is built in: it holds \(meaning)", at: span,
                      help: "state attacks with the vocabulary's attack relation and query \(rawValue)(C, \(self == .status || self == .labelling ? "L" : "Sem")); or name your predicate differently")
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

/// The ids of the built-ins and of what they read: `is_a/2`, registered
/// with them before any knowledge, and the relations and kinds the
/// vocabulary names, which a load may add to.
struct ArgumentationPredicates: Sendable {
    let builtins: [Builtin: PredicateID]
    let isA: PredicateID
    /// The attack relations, each of arity 2.
    let attacks: [PredicateID]
    /// The kinds whose entities are arguments.
    let argumentKinds: [String]

    subscript(builtin: Builtin) -> PredicateID { builtins[builtin]! }

    /// The built-in a predicate is, if any.
    func builtin(_ predicate: PredicateID) -> Builtin? {
        builtins.first { $0.value == predicate }?.key
    }

    /// What every built-in reads.
    var inputs: [PredicateID] { [isA] + attacks }

    /// What each built-in reads, where it is written, for the stratifier.
    var dependencies: [(head: PredicateID, body: PredicateID, range: SourceRange)] {
        Builtin.allCases.flatMap { builtin in inputs.map { (self[builtin], $0, builtin.span.range) } }
    }

    /// The same built-ins reading what `vocabulary` names, or the
    /// diagnostic (at the vocabulary fact, from `spans`, when this load
    /// wrote it) for an attack relation of another arity than 2.
    func reading(_ vocabulary: Vocabulary, in predicates: PredicateTable, spans: [String: SourceSpan]) -> Result<ArgumentationPredicates, Diagnostic> {
        var attacks: [PredicateID] = []
        for name in vocabulary.names(.attack) {
            switch predicates.resolve(name, arity: 2, at: spans[name] ?? Builtin.status.span) {
            case .success(let id): attacks.append(id)
            case .failure(let diagnostic): return .failure(diagnostic)
            }
        }
        return .success(ArgumentationPredicates(builtins: builtins, isA: isA, attacks: attacks, argumentKinds: vocabulary.names(.argument)))
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
