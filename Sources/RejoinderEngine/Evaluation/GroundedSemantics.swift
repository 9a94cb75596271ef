import RejoinderSyntax

/// Dung's grounded semantics over the `rebuts/2` attacks among the claims
/// and evidence of a view: the built-in relation `status(X, S)` with S in
/// `accepted`, `rejected`, `undecided`.
///
/// An argument is accepted when every attacker is rejected, and rejected
/// when some attacker is accepted; what is left is undecided (an odd cycle
/// of attacks, say). A work-list labelling settles it in time linear in
/// arguments plus attacks: an argument whose attackers are all rejected is
/// accepted, which rejects its targets, each of which releases its own
/// targets by one. Each label records the step that settled it, so that an
/// explanation can always point to an earlier step: an accepted argument's
/// attackers were rejected before it, and a rejected argument's accepted
/// attacker was accepted before it.
struct GroundedLabelling {
    enum Label: String {
        case accepted, rejected, undecided
    }

    struct Entry {
        let label: Label
        /// The step that settled the label (undecided: never).
        let round: Int
    }

    private(set) var entries: [Value: Entry] = [:]
    let attackers: [Value: [Value]]

    /// `poll` runs every few thousand steps, so that a huge framework still
    /// stops on Ctrl-C or when time is up.
    init(arguments: [Value], attacks: [(attacker: Value, target: Value)],
         poll: () throws(EvaluationFailure) -> Void = {}) throws(EvaluationFailure) {
        var all = Set(arguments)
        var attackers: [Value: [Value]] = [:]
        for attack in attacks {
            attackers[attack.target, default: []].append(attack.attacker)
            all.insert(attack.attacker)
            all.insert(attack.target)
        }
        self.attackers = attackers
        // Numbered in a deterministic order, whatever the hashing.
        let numbered = all.sorted { $0.payload < $1.payload || ($0.payload == $1.payload && $0.tag.rawValue < $1.tag.rawValue) }
        let index = Dictionary(uniqueKeysWithValues: numbered.enumerated().map { ($1, $0) })
        let graph = AttackGraph(count: numbered.count, attacks: attacks.map { (index[$0.attacker]!, index[$0.target]!) })
        let (labels, steps) = try graph.grounded(poll: poll)
        for (position, argument) in numbered.enumerated() {
            let label: Label = switch labels[position] {
            case .inside: .accepted
            case .outside: .rejected
            case .undecided: .undecided
            }
            entries[argument] = Entry(label: label, round: steps[position] ?? Int.max)
        }
    }
}

/// The built-in predicates: their definition text (for locations) and
/// what they read.
enum Builtin {
    /// Where built-in predicates are "written", for diagnostics and `why`.
    static let file = SourceFile(name: "<built-in>", text: """
    status(Argument, Status) :- grounded semantics of rebuts(Attacker, Argument) among is_a(Argument, claim) and is_a(Argument, evidence).

    """)

    static let status = "status"
    /// The predicates `status/2` reads (all of them non-monotonically).
    static let statusInputs = ["is_a", "rebuts"]

    static var span: SourceSpan { SourceSpan(file: file, range: SourceRange(start: 0, end: 6)) }
}
