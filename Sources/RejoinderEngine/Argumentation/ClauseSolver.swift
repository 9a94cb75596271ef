/// A small incremental satisfiability solver with conflict-driven clause
/// learning, the engine under the complete, preferred and stable searches
/// of `AttackGraph`. It keeps MiniSat's interface and design: clauses are
/// added between calls and stay, each call may assume literals, and what
/// one call learns speeds up the next (so a preferred search that asks
/// hundreds of related questions pays for each conflict once).
///
/// Inside: two watched literals per clause (a propagation step visits only
/// the clauses whose watched literal just became false), two-literal
/// clauses kept apart as implications and propagated first (most of an
/// argumentation encoding is binary), first-UIP learning with recursive
/// minimisation, activity-ordered decisions with saved phases (or fixed
/// ones, first), Luby's or Glucose's restarts, and at restarts the learnt
/// clauses with the most decision levels are dropped and clauses
/// satisfied for good are removed. Literals, levels and clause names are
/// 32-bit integers in flat arrays, and propagation reads them through
/// unchecked buffers.
struct ClauseSolver: ~Copyable {
    /// Variable v is the literal 2v; its negation, 2v + 1.
    typealias Literal = Int

    static func positive(_ variable: Int) -> Literal { 2 * variable }
    static func negative(_ variable: Int) -> Literal { 2 * variable + 1 }

    private enum Outcome {
        case satisfied, unsatisfied, restart
    }

    /// When the search starts again from the assumptions: after Luby's
    /// budgets of conflicts (100, 100, 200, 100, 100, 200, 400, …), or, as
    /// Glucose does, when the last 50 learnt clauses span on average more
    /// than 1/0.9 times the decision levels all of them span (Glucose's
    /// 0.8 waits for 1.25 times, restarting less). On ten dense frameworks
    /// (200 arguments, 2,000 attacks) Glucose's served stable searches
    /// better (17–19% less time in all; with 0.8, even with Luby's) and
    /// were even with Luby's for preferred ones (with 0.8, 20% worse).
    enum Restarts {
        case luby, glucose
    }

    private let restarts: Restarts

    init(restarts: Restarts = .luby) {
        self.restarts = restarts
    }

    /// A clause watching a literal, with another of its literals: when that
    /// one is true the clause is satisfied without being read. For a
    /// two-literal clause the other literal is the whole rest of it.
    private struct Watch {
        var clause: Int32
        var blocker: Int32
    }

    /// Per literal: 1 true, -1 false, 0 unassigned.
    private var values: [Int8] = []
    private var level: [Int32] = []
    /// The clause that forced each assigned variable; -1 for decisions.
    private var reason: [Int32] = []
    private var savedPhase: [Bool] = []
    /// Whether a variable is always decided as its given phase.
    private var fixedPhase: [Bool] = []
    private var seen: [Bool] = []
    /// The assigned literals in order, in the first `assigned` places
    /// (there is a place for every variable).
    private var trail: [Int32] = []
    private var assigned = 0
    /// Where each decision level starts on the trail.
    private var levelStarts: [Int] = []
    private var propagated = 0
    /// Every clause, back to back: its length, its number of distinct
    /// decision levels when learnt (0 for given clauses), its literals. A
    /// clause is named by where it starts.
    private var arena: [Int32] = []
    private var learnts: [Int32] = []
    private var learntLimit = 4000
    /// Per literal, the clauses of three or more literals watching it.
    private var watches = WatchLists()
    /// Per literal, the two-literal clauses holding it.
    private var binaries: [[Watch]] = []
    private var order = VariableOrder()
    private var bumpAmount = 1.0
    private var steps = 0
    /// Scratch for conflict analysis: a mark per decision level.
    private var levelStamps: [Int] = [0]
    private var stamp = 0
    private var pending: [Int32] = []
    /// Glucose's restarts: the decision levels spanned by the last 50
    /// learnt clauses against all of them; a restart when the recent ones
    /// are worse, postponed when the trail is unusually long.
    private var recentLevels = [Int](repeating: 0, count: 50)
    private var recentCount = 0
    private var recentSum = 0
    private var allLevels = 0
    private var allConflicts = 0
    private var trailAverage = 0.0

    /// Whether the clauses contradict each other whatever is assumed.
    private(set) var isUnsatisfiable = false
    /// After a satisfiable `solve`, each variable's value.
    private(set) var model: [Bool] = []

    var variableCount: Int { level.count }

    /// A fresh variable, tried first as `phase` when the search decides it.
    /// A variable `decidedFirst` is decided before every other one and
    /// always as `phase`, never by its saved phase: then every such
    /// variable a model has opposite to its phase is forced by the clauses
    /// and the earlier decisions, so no other model agrees with a strict
    /// superset of those agreeing with their phase (Di Rosa, Giunchiglia
    /// and Maratea's preferences; clasp's domain heuristic).
    mutating func addVariable(phase: Bool = false, decidedFirst: Bool = false) -> Int {
        let variable = level.count
        values.append(0)
        values.append(0)
        level.append(0)
        reason.append(-1)
        savedPhase.append(phase)
        fixedPhase.append(decidedFirst)
        seen.append(false)
        trail.append(0)
        watches.addLiteral()
        watches.addLiteral()
        binaries.append([])
        binaries.append([])
        levelStamps.append(0)
        order.add(variable, first: decidedFirst)
        return variable
    }

    /// Adds a clause for good (duplicates and literals already false are
    /// dropped); false when the clauses have become contradictory.
    @discardableResult
    mutating func addClause(_ literals: [Literal]) -> Bool {
        guard !isUnsatisfiable else { return false }
        cancel(to: 0)
        var clause: [Int32] = []
        for literal in literals.sorted() {
            // Sorting puts a literal right after its negation.
            let literal = Int32(literal)
            if values[Int(literal)] == 1 || clause.last == literal ^ 1 { return true }
            if values[Int(literal)] == -1 || clause.last == literal { continue }
            clause.append(literal)
        }
        switch clause.count {
        case 0:
            isUnsatisfiable = true
        case 1:
            assign(clause[0], reason: -1)
            if propagate() >= 0 { isUnsatisfiable = true }
        default:
            _ = attach(clause, levels: 0)
        }
        return !isUnsatisfiable
    }

    /// Whether the clauses hold together with `assumptions`; when they do,
    /// `model` is a witness. `poll` runs every thousand steps or so.
    mutating func solve<Failure: Error>(assuming assumptions: [Literal] = [],
                                        poll: () throws(Failure) -> Void) throws(Failure) -> Bool {
        model = []
        guard !isUnsatisfiable else { return false }
        let assumptions = assumptions.map { Int32($0) }
        var restartCount = 0
        while true {
            let outcome = try search(conflictBudget: 100 * Self.luby(restartCount), assumptions: assumptions, poll: poll)
            restartCount += 1
            switch outcome {
            case .satisfied:
                model = (0..<variableCount).map { values[2 * $0] == 1 }
                cancel(to: 0)
                return true
            case .unsatisfied:
                cancel(to: 0)
                return false
            case .restart:
                cancel(to: 0)
                if learnts.count > learntLimit {
                    reduce()
                    learntLimit += learntLimit / 10
                }
            }
        }
    }

    // MARK: Search

    private mutating func search<Failure: Error>(conflictBudget: Int, assumptions: [Int32],
                                                 poll: () throws(Failure) -> Void) throws(Failure) -> Outcome {
        var conflicts = 0
        while true {
            steps += 1
            if steps & 1023 == 0 { try poll() }
            let conflict = propagate()
            if conflict >= 0 {
                conflicts += 1
                if levelStarts.isEmpty {
                    isUnsatisfiable = true
                    return .unsatisfied
                }
                let (learnt, backLevel, levels) = analyze(conflict)
                allConflicts += 1
                allLevels += levels
                trailAverage += (Double(assigned) - trailAverage) / 5000
                if allConflicts > 10000 && recentCount >= 50 && Double(assigned) > 1.4 * trailAverage {
                    recentCount = 0
                    recentSum = 0
                }
                let slot = allConflicts % 50
                if recentCount >= 50 { recentSum -= recentLevels[slot] } else { recentCount += 1 }
                recentLevels[slot] = levels
                recentSum += levels
                cancel(to: backLevel)
                if learnt.count == 1 {
                    assign(learnt[0], reason: -1)
                } else {
                    let clause = attach(learnt, levels: levels)
                    learnts.append(clause)
                    assign(learnt[0], reason: clause)
                }
                bumpAmount /= 0.95
                continue
            }
            if restarts == .glucose {
                if recentCount >= 50 && Double(recentSum) * 0.9 / 50 > Double(allLevels) / Double(allConflicts) {
                    recentCount = 0
                    recentSum = 0
                    return .restart
                }
            } else if conflicts >= conflictBudget { return .restart }
            var decision: Int32 = -1
            // Assumptions take the first decision levels, one each; an
            // assumption already true gets an empty level.
            while levelStarts.count < assumptions.count {
                let assumption = assumptions[levelStarts.count]
                if values[Int(assumption)] == 1 {
                    levelStarts.append(assigned)
                } else if values[Int(assumption)] == -1 {
                    return .unsatisfied
                } else {
                    decision = assumption
                    break
                }
            }
            while decision < 0 {
                guard let variable = order.removeFirst() else { return .satisfied }
                if values[2 * variable] == 0 { decision = Int32(savedPhase[variable] ? Self.positive(variable) : Self.negative(variable)) }
            }
            levelStarts.append(assigned)
            assign(decision, reason: -1)
        }
    }

    private mutating func assign(_ literal: Int32, reason clause: Int32) {
        let variable = Int(literal >> 1)
        values[Int(literal)] = 1
        values[Int(literal ^ 1)] = -1
        level[variable] = Int32(levelStarts.count)
        reason[variable] = clause
        trail[assigned] = literal
        assigned += 1
    }

    private mutating func cancel(to target: Int) {
        guard levelStarts.count > target else { return }
        let start = levelStarts[target]
        for index in stride(from: assigned - 1, through: start, by: -1) {
            let variable = Int(trail[index] >> 1)
            if !fixedPhase[variable] { savedPhase[variable] = values[2 * variable] == 1 }
            values[2 * variable] = 0
            values[2 * variable + 1] = 0
            reason[variable] = -1
            order.insert(variable)
        }
        assigned = start
        levelStarts.removeLast(levelStarts.count - target)
        propagated = start
    }

    private mutating func attach(_ clause: [Int32], levels: Int) -> Int32 {
        let start = Int32(arena.count)
        arena.append(Int32(clause.count))
        arena.append(Int32(levels))
        arena.append(contentsOf: clause)
        watch(start, clause[0], clause[1], binary: clause.count == 2)
        return start
    }

    private mutating func watch(_ clause: Int32, _ first: Int32, _ second: Int32, binary: Bool) {
        if binary {
            binaries[Int(first)].append(Watch(clause: clause, blocker: second))
            binaries[Int(second)].append(Watch(clause: clause, blocker: first))
        } else {
            WatchLists.append(Watch(clause: clause, blocker: second), to: &watches.lists[Int(first)])
            WatchLists.append(Watch(clause: clause, blocker: first), to: &watches.lists[Int(second)])
        }
    }

    /// Swaps the state propagation touches with the locals given: out
    /// before the loop (so no access goes through `self`), back after.
    private mutating func exchangeHotState(_ arena: inout [Int32], _ values: inout [Int8], _ level: inout [Int32], _ reason: inout [Int32],
                                           _ trail: inout [Int32], _ watches: inout [WatchLists.List]) {
        swap(&arena, &self.arena)
        swap(&values, &self.values)
        swap(&level, &self.level)
        swap(&reason, &self.reason)
        swap(&trail, &self.trail)
        swap(&watches, &self.watches.lists)
    }

    /// Unit propagation to a fixpoint: the clause that became false, or -1.
    /// A longer clause's two watched literals are its first two, and the
    /// one it forces is moved first; a two-literal clause is never
    /// rearranged. This loop is most of the solver's time, so the state it
    /// touches is moved out into locals and handed to `propagate(_:…)` as
    /// unchecked buffers.
    private mutating func propagate() -> Int32 {
        var arena: [Int32] = [], values: [Int8] = [], level: [Int32] = [], reason: [Int32] = []
        var trail: [Int32] = [], watches: [WatchLists.List] = []
        exchangeHotState(&arena, &values, &level, &reason, &trail, &watches)
        defer { exchangeHotState(&arena, &values, &level, &reason, &trail, &watches) }
        let current = Int32(levelStarts.count)
        let binaries = binaries
        var head = propagated, assigned = assigned
        defer { (propagated, self.assigned) = (head, assigned) }
        return arena.withUnsafeMutableBufferPointer { arena in
            trail.withUnsafeMutableBufferPointer { trail in
                watches.withUnsafeMutableBufferPointer { watches in
                    values.withUnsafeMutableBufferPointer { values in
                        level.withUnsafeMutableBufferPointer { level in
                            reason.withUnsafeMutableBufferPointer { reason in
                                Self.propagate(Buffers(arena: arena, values: values, level: level, reason: reason, trail: trail, watches: watches),
                                               binaries: binaries, level: current, head: &head, assigned: &assigned)
                            }
                        }
                    }
                }
            }
        }
    }

    /// What propagation reads and writes, as unchecked buffers.
    private struct Buffers {
        let arena: UnsafeMutableBufferPointer<Int32>
        let values: UnsafeMutableBufferPointer<Int8>
        let level: UnsafeMutableBufferPointer<Int32>
        let reason: UnsafeMutableBufferPointer<Int32>
        let trail: UnsafeMutableBufferPointer<Int32>
        let watches: UnsafeMutableBufferPointer<WatchLists.List>
    }

    /// Propagates the trail from `head` (to `assigned`, which grows) at
    /// decision level `current`.
    private static func propagate(_ buffers: Buffers, binaries: [[Watch]], level current: Int32,
                                  head: inout Int, assigned: inout Int) -> Int32 {
        let (arena, values, level, reason, trail, watches) = (buffers.arena, buffers.values, buffers.level, buffers.reason, buffers.trail, buffers.watches)
        var conflict: Int32 = -1
        func assign(_ literal: Int32, _ clause: Int32) {
            values[Int(literal)] = 1
            values[Int(literal ^ 1)] = -1
            level[Int(literal >> 1)] = current
            reason[Int(literal >> 1)] = clause
            trail[assigned] = literal
            assigned += 1
        }
        while head < assigned && conflict < 0 {
            let falsified = trail[head] ^ 1
            head += 1
            binaries[Int(falsified)].withUnsafeBufferPointer { list in
                for watch in list where values[Int(watch.blocker)] != 1 {
                    if values[Int(watch.blocker)] == -1 {
                        conflict = watch.clause
                        return
                    }
                    assign(watch.blocker, watch.clause)
                }
            }
            if conflict >= 0 { break }
            // Appends during the scan go to other literals' lists, so
            // this one stays where it is.
            guard let list = watches[Int(falsified)].start else { continue }
            let count = Int(watches[Int(falsified)].count)
            var kept = 0
            var index = 0
            scan: while index < count {
                let watch = list[index]
                index += 1
                if values[Int(watch.blocker)] == 1 {
                    list[kept] = watch
                    kept += 1
                    continue
                }
                let first = Int(watch.clause) + 2
                if arena[first] == falsified {
                    arena[first] = arena[first + 1]
                    arena[first + 1] = falsified
                }
                let other = arena[first]
                if other != watch.blocker && values[Int(other)] == 1 {
                    list[kept] = Watch(clause: watch.clause, blocker: other)
                    kept += 1
                    continue
                }
                for position in first + 2..<first + Int(arena[Int(watch.clause)]) where values[Int(arena[position])] != -1 {
                    let replacement = arena[position]
                    arena[first + 1] = replacement
                    arena[position] = falsified
                    WatchLists.append(Watch(clause: watch.clause, blocker: other), to: &watches[Int(replacement)])
                    continue scan
                }
                list[kept] = Watch(clause: watch.clause, blocker: other)
                kept += 1
                if values[Int(other)] == -1 {
                    conflict = watch.clause
                    while index < count {
                        list[kept] = list[index]
                        kept += 1
                        index += 1
                    }
                } else {
                    assign(other, watch.clause)
                }
            }
            watches[Int(falsified)].count = Int32(kept)
        }
        return conflict
    }

    /// The first-UIP clause learnt from `conflict`, asserting its first
    /// literal at the returned level, and how many decision levels it spans.
    private mutating func analyze(_ conflict: Int32) -> (clause: [Int32], level: Int, levels: Int) {
        var learnt: [Int32] = [0]
        let current = Int32(levelStarts.count)
        var open = 0
        var literal: Int32 = -1
        var index = assigned - 1
        var clause = Int(conflict)
        repeat {
            let first = clause + 2
            // A reason holds the literal it forced: that one is skipped.
            for position in first..<first + Int(arena[clause]) where arena[position] != literal {
                let other = arena[position]
                let variable = Int(other >> 1)
                guard !seen[variable] && level[variable] > 0 else { continue }
                bump(variable)
                seen[variable] = true
                if level[variable] >= current { open += 1 } else { learnt.append(other) }
            }
            while !seen[Int(trail[index] >> 1)] { index -= 1 }
            literal = trail[index]
            index -= 1
            clause = Int(reason[Int(literal >> 1)])
            seen[Int(literal >> 1)] = false
            open -= 1
        } while open > 0
        learnt[0] = literal ^ 1
        // A literal implied by the others (through reasons that lead back
        // only to them) adds nothing: dropping it shortens the clause.
        var cleared = Array(learnt.dropFirst())
        var levelMask = 0
        for other in learnt.dropFirst() { levelMask |= 1 << (Int(level[Int(other >> 1)]) & 63) }
        var kept = 1
        for position in 1..<learnt.count where !isImplied(learnt[position], levelMask: levelMask, marked: &cleared) {
            learnt[kept] = learnt[position]
            kept += 1
        }
        learnt.removeLast(learnt.count - kept)
        for other in cleared { seen[Int(other >> 1)] = false }
        guard learnt.count > 1 else { return (learnt, 0, 1) }
        var deepest = 1
        for position in 2..<learnt.count where level[Int(learnt[position] >> 1)] > level[Int(learnt[deepest] >> 1)] { deepest = position }
        learnt.swapAt(1, deepest)
        stamp += 1
        var levels = 0
        for other in learnt where levelStamps[Int(level[Int(other >> 1)])] != stamp {
            levelStamps[Int(level[Int(other >> 1)])] = stamp
            levels += 1
        }
        return (learnt, Int(level[Int(learnt[1] >> 1)]), levels)
    }

    /// Whether `literal` of a learnt clause follows from the clause's other
    /// literals (those marked seen), searching back through reasons; the
    /// literals newly marked on the way are added to `marked`. A reason
    /// reaching a decision, or a level no literal of the clause is on
    /// (`levelMask`, one bit per level modulo 64), ends the search early.
    private mutating func isImplied(_ literal: Int32, levelMask: Int, marked: inout [Int32]) -> Bool {
        guard reason[Int(literal >> 1)] >= 0 else { return false }
        pending.removeAll(keepingCapacity: true)
        pending.append(literal)
        let firstMarked = marked.count
        while let next = pending.popLast() {
            let clause = Int(reason[Int(next >> 1)])
            let first = clause + 2
            // The reason holds the negation of `next`, which it forced.
            for position in first..<first + Int(arena[clause]) where arena[position] != next ^ 1 {
                let other = arena[position]
                let variable = Int(other >> 1)
                guard !seen[variable] && level[variable] > 0 else { continue }
                guard reason[variable] >= 0 && levelMask & (1 << (Int(level[variable]) & 63)) != 0 else {
                    for undone in marked[firstMarked...] { seen[Int(undone >> 1)] = false }
                    marked.removeLast(marked.count - firstMarked)
                    return false
                }
                seen[variable] = true
                pending.append(other)
                marked.append(other)
            }
        }
        return true
    }

    private mutating func bump(_ variable: Int) {
        if order.bump(variable, by: bumpAmount) > 1e100 {
            order.scale(by: 1e-100)
            bumpAmount *= 1e-100
        }
    }

    /// At decision level 0: keeps the better half of the learnt clauses
    /// (fewest decision levels, then shortest; those spanning two levels or
    /// fewer always), drops every clause already satisfied for good, and
    /// rebuilds the watches.
    private mutating func reduce() {
        let ranked = learnts.sorted { (arena[Int($0) + 1], arena[Int($0)]) < (arena[Int($1) + 1], arena[Int($1)]) }
        var keep = Set(ranked.prefix(ranked.count / 2))
        for clause in ranked where arena[Int(clause) + 1] <= 2 { keep.insert(clause) }
        var compacted: [Int32] = []
        var kept: [Int32] = []
        for list in binaries.indices {
            watches.lists[list].count = 0
            binaries[list].removeAll(keepingCapacity: true)
        }
        var start = 0
        while start < arena.count {
            let length = Int(arena[start])
            let literals = arena[(start + 2)..<(start + 2 + length)]
            let isLearnt = arena[start + 1] > 0
            if (!isLearnt || keep.contains(Int32(start))) && !literals.contains(where: { values[Int($0)] == 1 }) {
                let moved = compacted.count
                compacted.append(contentsOf: arena[start..<(start + 2 + length)])
                watch(Int32(moved), compacted[moved + 2], compacted[moved + 3], binary: length == 2)
                if isLearnt { kept.append(Int32(moved)) }
            }
            start += 2 + length
        }
        arena = compacted
        learnts = kept
        // Level-0 reasons are never read again, and their clauses may be gone.
        for literal in trail[..<assigned] { reason[Int(literal >> 1)] = -1 }
    }

    /// Per literal, the longer clauses watching it, each list in memory of
    /// its own: an append during propagation is a store, without the
    /// copy-on-write check a Swift array makes (a tenth of the time).
    private struct WatchLists: ~Copyable {
        struct List {
            var start: UnsafeMutablePointer<Watch>?
            var count: Int32
            var capacity: Int32
        }

        var lists: [List] = []

        deinit {
            for list in lists { list.start?.deallocate() }
        }

        mutating func addLiteral() {
            lists.append(List(start: nil, count: 0, capacity: 0))
        }

        static func append(_ watch: Watch, to list: inout List) {
            if list.count == list.capacity {
                let capacity = max(4, 2 * Int(list.capacity))
                let grown = UnsafeMutablePointer<Watch>.allocate(capacity: capacity)
                if let start = list.start {
                    grown.initialize(from: start, count: Int(list.count))
                    start.deallocate()
                }
                list.start = grown
                list.capacity = Int32(capacity)
            }
            list.start![Int(list.count)] = watch
            list.count += 1
        }
    }

    /// The Luby sequence 1, 1, 2, 1, 1, 2, 4, …: restart budgets that are
    /// mostly short with ever longer ones among them.
    private static func luby(_ index: Int) -> Int {
        var size = 1
        var exponent = 0
        while size < index + 1 {
            exponent += 1
            size = 2 * size + 1
        }
        var rest = index
        while size - 1 != rest {
            size = (size - 1) >> 1
            exponent -= 1
            rest %= size
        }
        return 1 << exponent
    }
}

/// The unassigned variables as a binary heap by activity: the next
/// decision is the variable that took part in the most recent conflicts,
/// among those to be decided first while there are any.
private struct VariableOrder {
    private var activity: [Double] = []
    private var first: [Bool] = []
    private var heap: [Int] = []
    /// Each variable's index in `heap`, or -1.
    private var position: [Int] = []

    mutating func add(_ variable: Int, first isFirst: Bool) {
        activity.append(0)
        first.append(isFirst)
        position.append(-1)
        insert(variable)
    }

    @inline(__always)
    private func precedes(_ one: Int, _ other: Int) -> Bool {
        first[one] != first[other] ? first[one] : activity[one] > activity[other]
    }

    mutating func insert(_ variable: Int) {
        guard position[variable] < 0 else { return }
        position[variable] = heap.count
        heap.append(variable)
        siftUp(heap.count - 1)
    }

    mutating func removeFirst() -> Int? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else {
            position[last] = -1
            return last
        }
        let first = heap[0]
        position[first] = -1
        heap[0] = last
        position[last] = 0
        siftDown(0)
        return first
    }

    /// Raises the variable's activity; returns the new activity.
    mutating func bump(_ variable: Int, by amount: Double) -> Double {
        activity[variable] += amount
        if position[variable] >= 0 { siftUp(position[variable]) }
        return activity[variable]
    }

    mutating func scale(by factor: Double) {
        for variable in activity.indices { activity[variable] *= factor }
    }

    private mutating func siftUp(_ start: Int) {
        let variable = heap[start]
        var index = start
        while index > 0 {
            let parent = (index - 1) / 2
            guard precedes(variable, heap[parent]) else { break }
            heap[index] = heap[parent]
            position[heap[index]] = index
            index = parent
        }
        heap[index] = variable
        position[variable] = index
    }

    private mutating func siftDown(_ start: Int) {
        let variable = heap[start]
        var index = start
        while 2 * index + 1 < heap.count {
            var child = 2 * index + 1
            if child + 1 < heap.count && precedes(heap[child + 1], heap[child]) { child += 1 }
            guard precedes(heap[child], variable) else { break }
            heap[index] = heap[child]
            position[heap[index]] = index
            index = child
        }
        heap[index] = variable
        position[variable] = index
    }
}
