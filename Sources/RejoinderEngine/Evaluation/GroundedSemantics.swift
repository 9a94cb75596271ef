import RejoinderSyntax

/// Dung's grounded semantics over the `rebuts/2` attacks among the claims
/// and evidence of a view: the built-in relation `status(X, S)` with S in
/// `accepted`, `rejected`, `undecided`.
///
/// An argument is accepted when every attacker is rejected, and rejected
/// when some attacker is accepted; what the least fixpoint leaves is
/// undecided (an odd cycle of attacks, say). Each label records the round
/// that settled it, so that an explanation can always point to an earlier
/// round: an accepted argument's attackers were rejected before it, and a
/// rejected argument's accepted attacker was accepted before it.
struct GroundedLabelling {
    enum Label: String {
        case accepted, rejected, undecided
    }

    struct Entry {
        let label: Label
        /// The round that settled the label (undecided: never).
        let round: Int
    }

    private(set) var entries: [Value: Entry] = [:]
    let attackers: [Value: [Value]]

    init(arguments: [Value], attacks: [(attacker: Value, target: Value)]) {
        var attackers: [Value: [Value]] = [:]
        var all = Set(arguments)
        for attack in attacks {
            attackers[attack.target, default: []].append(attack.attacker)
            all.insert(attack.attacker)
            all.insert(attack.target)
        }
        self.attackers = attackers
        var round = 0
        var changed = true
        while changed {
            changed = false
            var settled: [(Value, Label)] = []
            for argument in all where entries[argument] == nil {
                let its = attackers[argument] ?? []
                if its.allSatisfy({ entries[$0]?.label == .rejected }) {
                    settled.append((argument, .accepted))
                } else if its.contains(where: { entries[$0]?.label == .accepted }) {
                    settled.append((argument, .rejected))
                }
            }
            for (argument, label) in settled {
                entries[argument] = Entry(label: label, round: round)
                changed = true
            }
            round += 1
        }
        for argument in all where entries[argument] == nil {
            entries[argument] = Entry(label: .undecided, round: Int.max)
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
