@testable import RejoinderEngine
import RejoinderTestSupport
import Testing

/// The clause solver on its own, on formulas large enough to go through
/// restarts, learnt-clause clean-up and growing watch lists, which the
/// frameworks of `ArgumentationTests` are too small to reach: every model
/// it reports satisfies every clause and every assumption, and a formula
/// known to be contradictory is found so.
@Suite struct ClauseSolverTests {
    static func satisfies(_ model: [Bool], _ clause: [ClauseSolver.Literal]) -> Bool {
        clause.contains { model[$0 >> 1] == ($0 & 1 == 0) }
    }

    /// Random three-literal clauses near the hardest ratio (4 per
    /// variable), solved, then solved again under assumptions and after
    /// each model found is excluded, until none is left or ten are found.
    @Test(arguments: 0..<12)
    func everyModelSatisfiesEveryClause(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed))
        let variables = 150
        var solver = ClauseSolver(restarts: seed % 2 == 0 ? .luby : .glucose)
        for _ in 0..<variables { _ = solver.addVariable(phase: Bool.random(using: &random), decidedFirst: seed % 3 == 0) }
        var clauses: [[ClauseSolver.Literal]] = []
        for _ in 0..<600 {
            let clause = (0..<3).map { _ in 2 * Int.random(in: 0..<variables, using: &random) + Int.random(in: 0...1, using: &random) }
            clauses.append(clause)
            solver.addClause(clause)
        }
        var found = 0
        while found < 10, solver.solve(poll: { () throws(Never) in }) {
            let model = solver.model
            #expect(clauses.allSatisfy { Self.satisfies(model, $0) }, "seed \(seed), model \(found)")
            let assumed = (0..<5).map { 2 * $0 + (model[$0] ? 0 : 1) }
            let holds = solver.solve(assuming: assumed, poll: { () throws(Never) in })
            let witness = solver.model
            #expect(holds, "seed \(seed): a model's own literals")
            #expect(assumed.allSatisfy { witness[$0 >> 1] == ($0 & 1 == 0) } && clauses.allSatisfy { Self.satisfies(witness, $0) },
                    "seed \(seed), under assumptions")
            let exclusion = (0..<variables).map { 2 * $0 + (model[$0] ? 1 : 0) }
            clauses.append(exclusion)
            solver.addClause(exclusion)
            found += 1
        }
    }

    /// Eight pigeons in seven holes: contradictory, which resolution proves
    /// only through many conflicts; seven in seven fit.
    @Test(arguments: [7, 8])
    func pigeonsAndHoles(pigeons: Int) {
        let holes = 7
        var solver = ClauseSolver(restarts: .glucose)
        for _ in 0..<(pigeons * holes) { _ = solver.addVariable() }
        func sits(_ pigeon: Int, _ hole: Int) -> Int { pigeon * holes + hole }
        var clauses: [[ClauseSolver.Literal]] = []
        for pigeon in 0..<pigeons { clauses.append((0..<holes).map { ClauseSolver.positive(sits(pigeon, $0)) }) }
        for hole in 0..<holes {
            for first in 0..<pigeons {
                for second in (first + 1)..<pigeons {
                    clauses.append([ClauseSolver.negative(sits(first, hole)), ClauseSolver.negative(sits(second, hole))])
                }
            }
        }
        for clause in clauses { solver.addClause(clause) }
        let holds = solver.solve(poll: { () throws(Never) in })
        let model = solver.model
        #expect(holds == (pigeons <= holes))
        if holds { #expect(clauses.allSatisfy { Self.satisfies(model, $0) }) }
    }
}
