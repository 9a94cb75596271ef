@testable import RejoinderEngine
import RejoinderSyntax
import RejoinderTestSupport
import Testing

/// The labelling search against the definitions themselves: on seeded
/// random frameworks small enough to try every set of arguments, the
/// complete, preferred and stable extensions are exactly the sets the
/// definitions pick out (conflict-free, admissible, complete, maximal,
/// attacking everything outside), and the grounded one is the least
/// complete one. Plus the classic cases from the literature.
@Suite struct ArgumentationTests {
    /// Every set of arguments (as a sorted array) that the definition of
    /// `semantics` accepts, by brute force.
    static func oracle(_ graph: AttackGraph, _ semantics: AttackGraph.Semantics) -> [[Int]] {
        let sets = (0..<(1 << graph.count)).map { mask in (0..<graph.count).filter { mask & (1 << $0) != 0 } }
        func attacks(_ set: [Int], _ argument: Int) -> Bool { graph.attackers[argument].contains { set.contains($0) } }
        func conflictFree(_ set: [Int]) -> Bool { !set.contains { attacks(set, $0) } }
        func defends(_ set: [Int], _ argument: Int) -> Bool { graph.attackers[argument].allSatisfy { attacks(set, $0) } }
        func admissible(_ set: [Int]) -> Bool { conflictFree(set) && set.allSatisfy { defends(set, $0) } }
        func complete(_ set: [Int]) -> Bool { admissible(set) && (0..<graph.count).allSatisfy { !defends(set, $0) || set.contains($0) } }
        let completes = sets.filter(complete)
        switch semantics {
        case .complete: return completes
        case .grounded: return [completes.min { $0.count < $1.count }!]
        case .preferred:
            return completes.filter { set in !completes.contains { $0.count > set.count && Set(set).isSubset(of: Set($0)) } }
        case .stable:
            return sets.filter { set in conflictFree(set) && (0..<graph.count).allSatisfy { set.contains($0) || attacks(set, $0) } }
        }
    }

    static func sorted(_ sets: [[Int]]) -> [[Int]] { sets.sorted { $0.lexicographicallyPrecedes($1) } }

    @Test(arguments: 0..<300)
    func theSearchAgreesWithTheDefinitions(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed))
        let count = Int.random(in: 1...9, using: &random)
        // Densities from sparse to dense; self-attacks and odd cycles arise.
        let density = [0.1, 0.2, 0.35, 0.5][seed % 4]
        var attacks: [(attacker: Int, target: Int)] = []
        for attacker in 0..<count {
            for target in 0..<count where Double.random(in: 0..<1, using: &random) < density { attacks.append((attacker, target)) }
        }
        let graph = AttackGraph(count: count, attacks: attacks)
        for semantics in AttackGraph.Semantics.allCases {
            let expected = Self.sorted(Self.oracle(graph, semantics))
            #expect(graph.extensions(semantics) == expected, "seed \(seed), \(semantics), \(attacks)")
            #expect(graph.extensions(semantics, limit: 1).count == min(1, expected.count), "seed \(seed), \(semantics), \(attacks)")
            // Acceptance, decided without enumerating, against the extensions.
            let credulous = (0..<count).map { argument in expected.contains { $0.contains(argument) } }
            let skeptical = (0..<count).map { argument in expected.allSatisfy { $0.contains(argument) } }
            let acceptance = graph.acceptance(semantics)
            #expect(acceptance.credulous == credulous && acceptance.skeptical == skeptical && acceptance.hasExtension == !expected.isEmpty,
                    "seed \(seed), \(semantics), \(attacks)")
            for argument in 0..<count {
                #expect(graph.accepts(argument, .credulous, under: semantics) == credulous[argument], "seed \(seed), \(semantics), \(argument)")
                #expect(graph.accepts(argument, .skeptical, under: semantics) == skeptical[argument], "seed \(seed), \(semantics), \(argument)")
            }
        }
    }

    /// Dung's and Baroni's textbook cases.
    @Test func classicFrameworks() {
        // An odd cycle: nothing is stable, only the empty set is complete.
        let odd = AttackGraph(count: 3, attacks: [(0, 1), (1, 2), (2, 0)])
        #expect(odd.extensions(.stable) == [])
        #expect(odd.extensions(.preferred) == [[]] && odd.extensions(.complete) == [[]] && odd.extensions(.grounded) == [[]])
        // With no stable extension, every argument is skeptically accepted
        // (vacuously) and none credulously.
        let none = AttackGraph.Acceptance(credulous: [false, false, false], skeptical: [true, true, true], hasExtension: false)
        #expect(odd.acceptance(.stable) == none)
        #expect(odd.accepts(0, .skeptical, under: .stable) && !odd.accepts(0, .credulous, under: .stable))
        // An odd cycle beside an unattacked argument: still no stable
        // extension, though the preferred one is not empty.
        let oddBeside = AttackGraph(count: 4, attacks: [(0, 1), (1, 2), (2, 0)])
        #expect(oddBeside.extensions(.stable) == [] && oddBeside.extensions(.preferred) == [[3]])
        #expect(oddBeside.acceptance(.preferred).skeptical == [false, false, false, true])
        // An even cycle: two preferred, both stable; grounded empty.
        let even = AttackGraph(count: 2, attacks: [(0, 1), (1, 0)])
        #expect(even.extensions(.preferred) == [[0], [1]] && even.extensions(.stable) == [[0], [1]] && even.extensions(.grounded) == [[]])
        // Floating reinstatement: a and b attack each other and both attack
        // c, which attacks d. d is in every preferred extension, not in the
        // grounded one.
        let floating = AttackGraph(count: 4, attacks: [(0, 1), (1, 0), (0, 2), (1, 2), (2, 3)])
        #expect(floating.extensions(.preferred) == [[0, 3], [1, 3]])
        #expect(floating.extensions(.grounded) == [[]])
        #expect(floating.acceptance(.preferred).skeptical == [false, false, false, true])
        #expect(floating.acceptance(.preferred).credulous == [true, true, false, true])
        #expect(floating.acceptance(.stable).skeptical == [false, false, false, true])
        #expect(floating.acceptance(.grounded).skeptical == [false, false, false, false])
        #expect(floating.acceptance(.complete).skeptical == [false, false, false, false])
        #expect(floating.accepts(3, .skeptical, under: .preferred) && !floating.accepts(3, .skeptical, under: .complete))
        // A self-attacking argument is never in; what it alone attacks is
        // undecided under grounded.
        let selfAttack = AttackGraph(count: 2, attacks: [(0, 0), (0, 1)])
        #expect(selfAttack.extensions(.grounded) == [[]] && selfAttack.extensions(.stable) == [])
    }

    @Test func bothFileFormatsAreReadAndBadLinesLocated() throws {
        let apx = try FrameworkFile.read(SourceFile(name: "f.apx", text: "arg(a).\narg(b).\natt(a,b).\n"), format: .apx)
        #expect(apx.names == ["a", "b"] && apx.graph.attackers[1] == [0])
        let i23 = try FrameworkFile.read(SourceFile(name: "f.i23", text: "# a comment\np af 3\n1 2\n2 3\n"), format: .i23)
        #expect(i23.names == ["1", "2", "3"] && i23.graph.attackers[2] == [1])
        do {
            _ = try FrameworkFile.read(SourceFile(name: "bad.i23", text: "p af 2\n1 3\n2\n"), format: .i23)
            Issue.record("a bad file was read")
        } catch {
            #expect(error.diagnostics.map { DiagnosticFormatter().format($0) }.joined() == """
                bad.i23:2:1: error: argument 3 is out of range: the header says 2 arguments
                  1 3
                  ^~~
                bad.i23:3:1: error: expected an attack 'i j' (two argument numbers), found '2'
                  2
                  ^

                """)
        }
    }
}
