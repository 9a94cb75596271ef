/// An abstract argumentation framework (Dung): arguments numbered from 0
/// and who attacks whom. It labels them under the grounded, complete,
/// preferred and stable semantics; the debate's `status/2` and the ICCMA
/// solver interface (`rejoinder af`) both run on it.
public struct AttackGraph: Sendable {
    public enum Label: Sendable, Equatable {
        case inside, outside, undecided
    }

    public enum Semantics: String, CaseIterable, Sendable {
        case grounded, complete, preferred, stable
    }

    public let count: Int
    /// For each argument, who attacks it and whom it attacks.
    public let attackers: [[Int]]
    public let targets: [[Int]]

    public init(count: Int, attacks: [(attacker: Int, target: Int)]) {
        self.count = count
        var attackers = [[Int]](repeating: [], count: count)
        var targets = [[Int]](repeating: [], count: count)
        for attack in attacks {
            attackers[attack.target].append(attack.attacker)
            targets[attack.attacker].append(attack.target)
        }
        self.attackers = attackers
        self.targets = targets
    }

    // MARK: Grounded

    /// The grounded labelling, with the step that settled each label (nil
    /// for undecided), by a work-list: an argument whose attackers are all
    /// out is in, which puts its targets out, each of which releases its
    /// own targets by one. Linear in arguments plus attacks. `poll` runs
    /// every few thousand steps, so a huge framework still stops when asked.
    public func grounded<Failure: Error>(poll: () throws(Failure) -> Void) throws(Failure) -> (labels: [Label], steps: [Int?]) {
        var labels = [Label](repeating: .undecided, count: count)
        var steps = [Int?](repeating: nil, count: count)
        var pending = attackers.map(\.count)
        var ready = (0..<count).filter { pending[$0] == 0 }
        var step = 0
        var next = 0
        while next < ready.count {
            let argument = ready[next]
            next += 1
            guard steps[argument] == nil else { continue }
            step += 1
            if step % 4096 == 0 { try poll() }
            labels[argument] = .inside
            steps[argument] = step
            for target in targets[argument] where steps[target] == nil {
                step += 1
                labels[target] = .outside
                steps[target] = step
                for released in targets[target] where steps[released] == nil {
                    pending[released] -= 1
                    if pending[released] == 0 { ready.append(released) }
                }
            }
        }
        return (labels, steps)
    }

    // MARK: Complete, preferred, stable

    /// The extensions (sets of arguments labelled in) under `semantics`,
    /// each sorted, in a stable order; `limit` stops the search early (1
    /// for "some extension").
    ///
    /// Complete labellings are searched from the grounded one, which every
    /// complete labelling extends: an undecided argument is tried in, out,
    /// then undecided, and each choice is propagated (an argument with an
    /// attacker in is out; one whose attackers are all out is in) before
    /// the next, pruning any branch that breaks a rule. Stable ones are the
    /// complete ones with nothing undecided; preferred ones, the complete
    /// ones whose set is maximal.
    public func extensions<Failure: Error>(_ semantics: Semantics, limit: Int = .max,
                                           poll: () throws(Failure) -> Void) throws(Failure) -> [[Int]] {
        let grounded = try grounded(poll: poll).labels
        if semantics == .grounded { return [inside(grounded)] }
        var found: [[Label]] = []
        var labels: [Label?] = grounded.map { $0 == .undecided ? nil : $0 }
        var visits = 0
        let searchLimit = semantics == .preferred ? Int.max : limit
        func search(_ labels: [Label?]) throws(Failure) {
            visits += 1
            if visits % 1024 == 0 { try poll() }
            guard found.count < searchLimit else { return }
            guard let open = labels.firstIndex(where: { $0 == nil }) else {
                let final = labels.map { $0! }
                if isComplete(final) && (semantics != .stable || !final.contains(.undecided)) { found.append(final) }
                return
            }
            let choices: [Label] = semantics == .stable ? [.inside, .outside] : [.inside, .outside, .undecided]
            for choice in choices {
                var next = labels
                next[open] = choice
                if propagate(&next) { try search(next) }
            }
        }
        if propagate(&labels) { try search(labels) }
        var sets = found.map(inside)
        if semantics == .preferred {
            let all = sets.map(Set.init)
            sets = zip(sets, all).filter { _, set in !all.contains { $0.count > set.count && set.isSubset(of: $0) } }.map(\.0)
            var unique: [[Int]] = []
            for set in sets where !unique.contains(set) { unique.append(set) }
            sets = Array(unique.prefix(limit))
        }
        return sets.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The extensions, with nothing to stop the search.
    public func extensions(_ semantics: Semantics, limit: Int = .max) -> [[Int]] {
        extensions(semantics, limit: limit, poll: { () throws(Never) in })
    }

    /// Applies the labelling rules to a fixpoint; false when a rule breaks.
    private func propagate(_ labels: inout [Label?]) -> Bool {
        var changed = true
        while changed {
            changed = false
            for argument in 0..<count {
                let from = attackers[argument].map { labels[$0] }
                let attackedByIn = from.contains { $0 == .inside }
                let allOut = from.allSatisfy { $0 == .outside }
                switch labels[argument] {
                case .inside?:
                    if attackedByIn || targets[argument].contains(where: { labels[$0] == .inside }) { return false }
                    for target in targets[argument] where labels[target] == nil {
                        labels[target] = .outside
                        changed = true
                    }
                    for attacker in attackers[argument] where labels[attacker] == nil {
                        labels[attacker] = .outside
                        changed = true
                    }
                case .outside?:
                    // Some attacker must be in: impossible when all are out.
                    if allOut { return false }
                case .undecided?:
                    if attackedByIn || allOut { return false }
                case nil:
                    if attackedByIn {
                        labels[argument] = .outside
                        changed = true
                    } else if allOut {
                        labels[argument] = .inside
                        changed = true
                    }
                }
            }
        }
        return true
    }

    /// Whether a full labelling is complete: in exactly when every attacker
    /// is out, out exactly when some attacker is in.
    private func isComplete(_ labels: [Label]) -> Bool {
        (0..<count).allSatisfy { argument in
            let from = attackers[argument].map { labels[$0] }
            switch labels[argument] {
            case .inside: return from.allSatisfy { $0 == .outside }
            case .outside: return from.contains(.inside)
            case .undecided: return !from.contains(.inside) && !from.allSatisfy { $0 == .outside }
            }
        }
    }

    private func inside(_ labels: [Label]) -> [Int] {
        labels.indices.filter { labels[$0] == .inside }
    }
}
