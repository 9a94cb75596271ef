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
    /// Complete and stable labellings are the models of their rules
    /// written as clauses (`LabellingSearch`), found one after another,
    /// each excluded once found. A preferred extension is a complete
    /// labelling found by a search that decides arguments in before
    /// anything else, which finds only subset-maximal ones (as clingo's
    /// domain heuristic does); the next search then excludes it and all its
    /// subsets, so no complete labelling is visited that could only lead
    /// back to it.
    public func extensions<Failure: Error>(_ semantics: Semantics, limit: Int = .max,
                                           poll: () throws(Failure) -> Void) throws(Failure) -> [[Int]] {
        let grounded = try grounded(poll: poll).labels
        guard limit > 0 else { return [] }
        if semantics == .grounded { return [inside(grounded)] }
        var search = LabellingSearch(self, stable: semantics == .stable, grounded: grounded, maximal: semantics == .preferred)
        var found: [[Int]] = []
        while found.count < limit, let members = try search.find(poll: poll) {
            if semantics == .preferred {
                search.excludeSubsets(of: members)
            } else {
                search.exclude(members)
            }
            found.append(members)
        }
        return found.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The extensions, with nothing to stop the search.
    public func extensions(_ semantics: Semantics, limit: Int = .max) -> [[Int]] {
        extensions(semantics, limit: limit, poll: { () throws(Never) in })
    }

    // MARK: Acceptance

    /// Whether an argument must be in some extension (credulous) or in
    /// every one (skeptical).
    public enum Reasoning: Sendable {
        case credulous, skeptical
    }

    /// Every argument's acceptance under one semantics.
    public struct Acceptance: Sendable, Equatable {
        /// By argument: in some extension.
        public let credulous: [Bool]
        /// By argument: in every extension. When there is no extension
        /// (only possible under stable semantics) every argument is
        /// skeptically accepted, vacuously, and none credulously.
        public let skeptical: [Bool]
        /// Whether there is any extension; false only for a framework with
        /// no stable extension.
        public let hasExtension: Bool
    }

    /// Every argument's credulous and skeptical acceptance under
    /// `semantics`, decided without enumerating the extensions: each
    /// extension a search finds settles many arguments at once (its members
    /// are credulously accepted, the rest are not skeptically accepted), and
    /// each further search asks only about the arguments still open.
    /// Credulous preferred acceptance is credulous complete acceptance;
    /// skeptical complete acceptance is membership of the grounded
    /// extension. `poll` runs regularly, so a long search stops when asked.
    public func acceptance<Failure: Error>(_ semantics: Semantics, poll: () throws(Failure) -> Void) throws(Failure) -> Acceptance {
        let grounded = try grounded(poll: poll).labels
        if semantics == .stable {
            var search = LabellingSearch(self, stable: true, grounded: grounded)
            if try search.find(poll: poll) == nil {
                return Acceptance(credulous: Array(repeating: false, count: count), skeptical: Array(repeating: true, count: count),
                                  hasExtension: false)
            }
        }
        let everyArgument = Array(0..<count)
        let credulous = try accepted(everyArgument, .credulous, semantics, grounded: grounded, poll: poll)
        // Only what is in some extension can be in every one.
        let skeptical = try accepted(everyArgument.filter { credulous[$0] }, .skeptical, semantics, grounded: grounded, poll: poll)
        return Acceptance(credulous: credulous, skeptical: skeptical, hasExtension: true)
    }

    /// Every argument's acceptance, with nothing to stop the search.
    public func acceptance(_ semantics: Semantics) -> Acceptance {
        acceptance(semantics, poll: { () throws(Never) in })
    }

    /// Whether `argument` is accepted under `semantics`, decided on its own
    /// (the ICCMA tasks DC and DS): one search for credulous acceptance,
    /// and for skeptical preferred acceptance a search for a counterexample
    /// that excludes each preferred extension found to contain it.
    public func accepts<Failure: Error>(_ argument: Int, _ reasoning: Reasoning, under semantics: Semantics,
                                        poll: () throws(Failure) -> Void) throws(Failure) -> Bool {
        try accepted([argument], reasoning, semantics, grounded: grounded(poll: poll).labels, poll: poll)[argument]
    }

    /// Whether `argument` is accepted, with nothing to stop the search.
    public func accepts(_ argument: Int, _ reasoning: Reasoning, under semantics: Semantics) -> Bool {
        accepts(argument, reasoning, under: semantics, poll: { () throws(Never) in })
    }

    /// By argument, whether it is among `asked` and accepted.
    private func accepted<Failure: Error>(_ asked: [Int], _ reasoning: Reasoning, _ semantics: Semantics, grounded: [Label],
                                          poll: () throws(Failure) -> Void) throws(Failure) -> [Bool] {
        var accepted = [Bool](repeating: false, count: count)
        // The grounded extension is complete and lies inside every complete
        // (so every preferred and stable) extension; what it attacks is in
        // none. Under stable semantics everything also hangs on whether
        // there is a stable extension at all, so all stays open.
        var open: [Int] = []
        for argument in asked {
            if semantics == .grounded || (semantics == .complete && reasoning == .skeptical) {
                accepted[argument] = grounded[argument] == .inside
            } else if semantics == .stable || grounded[argument] == .undecided {
                open.append(argument)
            } else {
                accepted[argument] = grounded[argument] == .inside
            }
        }
        guard !open.isEmpty else { return accepted }
        var search = LabellingSearch(self, stable: semantics == .stable, grounded: grounded,
                                     maximal: semantics == .preferred && reasoning == .skeptical)
        switch reasoning {
        case .credulous:
            // Each extension holding some open argument settles all it holds.
            while !open.isEmpty, let members = try search.find(holdingSomeOf: open, poll: poll) {
                for member in members { accepted[member] = true }
                open.removeAll { accepted[$0] }
            }
        case .skeptical:
            if semantics == .stable, try search.find(poll: poll) == nil {
                // No stable extension: every argument is in all of none.
                for argument in open { accepted[argument] = true }
                return accepted
            }
            // Each extension missing some open argument refutes all it misses.
            while !open.isEmpty, var members = try search.find(missingSomeOf: open, poll: poll) {
                if semantics == .preferred {
                    // A complete extension missing an argument may grow into
                    // a preferred one that holds it; then that preferred one
                    // and its subsets are no counterexamples, now or later.
                    members = try search.maximise(members, poll: poll)
                    search.excludeSubsets(of: members)
                }
                let holds = Set(members)
                open.removeAll { !holds.contains($0) }
            }
            for argument in open { accepted[argument] = true }
        }
        return accepted
    }

    private func inside(_ labels: [Label]) -> [Int] {
        labels.indices.filter { labels[$0] == .inside }
    }
}

/// The rules of complete (or stable) labellings as clauses for a
/// `ClauseSolver`. Complete labellings take two variables per argument,
/// `in` and `out`, with undecided being neither. An argument is
/// - never both in and out;
/// - out exactly when some attacker is in;
/// - in exactly when every attacker is out.
/// A stable labelling leaves nothing undecided, so out is "not in" and
/// one variable per argument does: no argument is in with an attacker,
/// and each is in or has an attacker in.
/// The grounded labelling's decided arguments are given as facts, since
/// every complete labelling agrees with them. Questions that hold for one
/// search only ("holding one of these arguments") are clauses switched on
/// by an assumed variable and switched off for good afterwards.
private struct LabellingSearch: ~Copyable {
    private var solver: ClauseSolver
    private let count: Int
    /// Whether every labelling found has a subset-maximal set of arguments
    /// in among those the clauses (and the question) allow.
    private let maximal: Bool

    init(_ graph: AttackGraph, stable: Bool, grounded: [AttackGraph.Label], maximal: Bool = false) {
        let count = graph.count
        self.count = count
        solver = ClauseSolver(restarts: stable ? .glucose : .luby)
        self.maximal = maximal
        func outside(_ argument: Int) -> ClauseSolver.Literal { ClauseSolver.positive(count + argument) }
        func negative(outside argument: Int) -> ClauseSolver.Literal { ClauseSolver.negative(count + argument) }
        // Tried out of the extension first, as clasp does with atoms: on
        // dense frameworks a guess "in" forces much and fails often. A
        // search for maximal labellings decides every argument in first.
        for _ in 0..<count { _ = solver.addVariable(phase: maximal, decidedFirst: maximal) }
        if stable {
            for argument in 0..<count {
                let attackers = graph.attackers[argument]
                solver.addClause([Self.inside(argument)] + attackers.map(Self.inside))
                for attacker in attackers { solver.addClause([Self.negative(inside: attacker), Self.negative(inside: argument)]) }
            }
        } else {
            for _ in 0..<count { _ = solver.addVariable(phase: false) }
            for argument in 0..<count {
                let attackers = graph.attackers[argument]
                solver.addClause([Self.negative(inside: argument), negative(outside: argument)])
                solver.addClause([negative(outside: argument)] + attackers.map(Self.inside))
                solver.addClause([Self.inside(argument)] + attackers.map(negative(outside:)))
                for attacker in attackers {
                    solver.addClause([Self.negative(inside: attacker), outside(argument)])
                    solver.addClause([Self.negative(inside: argument), outside(attacker)])
                }
            }
        }
        for argument in 0..<count {
            switch grounded[argument] {
            case .inside: solver.addClause([Self.inside(argument)])
            case .outside: solver.addClause([Self.negative(inside: argument)])
            case .undecided: break
            }
        }
    }

    // Static, so that mapping them captures nothing of the noncopyable
    // search (Swift 6.3.1's move-only checker crashes on such captures);
    // the `out` variables, numbered after the `in` ones, live in `init`.
    private static func inside(_ argument: Int) -> ClauseSolver.Literal { ClauseSolver.positive(argument) }
    private static func negative(inside argument: Int) -> ClauseSolver.Literal { ClauseSolver.negative(argument) }

    /// The members of a labelling not excluded yet, or nil.
    mutating func find<Failure: Error>(poll: () throws(Failure) -> Void) throws(Failure) -> [Int]? {
        try solver.solve(poll: poll) ? members() : nil
    }

    /// A labelling with one of `arguments` in, or nil.
    mutating func find<Failure: Error>(holdingSomeOf arguments: [Int], poll: () throws(Failure) -> Void) throws(Failure) -> [Int]? {
        try find(where: arguments.map(Self.inside), poll: poll)
    }

    /// A labelling with one of `arguments` not in, or nil.
    mutating func find<Failure: Error>(missingSomeOf arguments: [Int], poll: () throws(Failure) -> Void) throws(Failure) -> [Int]? {
        try find(where: arguments.map(Self.negative(inside:)), poll: poll)
    }

    /// The largest labelling found by growing `members` strictly until no
    /// labelling holds more: a preferred extension when searching complete
    /// labellings. A maximal search grows it at most once, to a labelling
    /// that is maximal already.
    mutating func maximise<Failure: Error>(_ members: [Int], poll: () throws(Failure) -> Void) throws(Failure) -> [Int] {
        var members = members
        while members.count < count {
            let held = Set(members)
            let others = (0..<count).filter { !held.contains($0) }
            guard let larger = try find(where: others.map(Self.inside), assuming: members.map(Self.inside), poll: poll) else { break }
            members = larger
            if maximal { break }
        }
        return members
    }

    /// Excludes the labelling with exactly `members` in.
    mutating func exclude(_ members: [Int]) {
        let held = Set(members)
        solver.addClause((0..<count).map { held.contains($0) ? Self.negative(inside: $0) : Self.inside($0) })
    }

    /// Excludes every labelling whose members all lie in `members`.
    mutating func excludeSubsets(of members: [Int]) {
        let held = Set(members)
        solver.addClause((0..<count).filter { !held.contains($0) }.map(Self.inside))
    }

    /// A labelling satisfying the clause `some` (and `assumptions`), for
    /// this search only.
    private mutating func find<Failure: Error>(where some: [ClauseSolver.Literal], assuming assumptions: [ClauseSolver.Literal] = [],
                                               poll: () throws(Failure) -> Void) throws(Failure) -> [Int]? {
        let switched = solver.addVariable()
        solver.addClause([ClauseSolver.negative(switched)] + some)
        let found = try solver.solve(assuming: [ClauseSolver.positive(switched)] + assumptions, poll: poll)
        let result = found ? members() : nil
        solver.addClause([ClauseSolver.negative(switched)])
        return result
    }

    private func members() -> [Int] {
        let model = solver.model
        return (0..<count).filter { model[$0] }
    }
}
