import Foundation
@testable import RejoinderEngine
import RejoinderSyntax
import RejoinderTestSupport
import Testing

/// The column types analysis infers: exact on small programs, and sound on
/// the shipped knowledge base, where every row of every relation in every
/// view is checked against them.
@Suite struct ColumnTypeTests {
    /// Each predicate's columns as `:plan` prints them, by signature.
    private func types(_ program: String, vocabulary: Bool = false) throws -> [String: String] {
        let base = try knowledgeBase(program, vocabulary: vocabulary)
        let program = base.currentProgram()
        let types = ColumnTypes(program)
        return Dictionary(uniqueKeysWithValues: program.predicates.allIDs.map { id in
            (program.predicates[id].signature, types[id].map(\.description).joined(separator: ", "))
        })
    }

    @Test func arithmeticKeepsIntegersExceptWhereItComputesInFloatingPoint() throws {
        let types = try types("""
            n(1). n(2). d(1.5).
            plus(Z) :- n(X), n(Y), Z = X * Y - 1.
            half(Z) :- n(X), Z = X / 2.
            mixed(Z) :- n(X), d(Y), Z = X + Y.
            negated(Z) :- d(Y), Z = -Y.
            rounded(Z) :- d(Y), Z = round(Y).
            absolute(Z) :- n(X), Z = abs(X).
            logarithm(Z) :- n(X), Z = log(X).
            larger(Z) :- n(X), d(Y), Z = max(X, Y).
            smaller(Z) :- n(X), n(Y), Z = min(X, Y).
            span(R) :- n(X), n(Y), X < Y, R = X..Y.
            """)
        #expect(types["n/1"] == "integer")
        #expect(types["d/1"] == "decimal")
        #expect(types["plus/1"] == "integer")
        #expect(types["half/1"] == "number")
        #expect(types["mixed/1"] == "number")
        #expect(types["negated/1"] == "number")
        #expect(types["rounded/1"] == "number")
        #expect(types["absolute/1"] == "integer")
        #expect(types["logarithm/1"] == "number")
        #expect(types["larger/1"] == "number")
        #expect(types["smaller/1"] == "integer")
        #expect(types["span/1"] == "range")
    }

    @Test func aggregatesHaveTheTypesTheirFoldsGive() throws {
        let types = try types("""
            score(a, 1). score(a, 2). score(b, 1.5). grade(a, low). grade(a, high).
            counted(P, N) :- score(P, _), N = count : { score(P, _) }.
            whole(P, S) :- grade(P, _), S = sum V : { score(P, V), V > 1.5 }.
            total(P, S) :- score(P, _), S = sum V : { score(P, V) }.
            average(P, M) :- score(P, _), M = mean V : { score(P, V) }.
            lowest(P, M) :- grade(P, _), M = min G : { grade(P, G) }.
            highest(M) :- M = max V : { score(_, V) }.
            """)
        #expect(types["score/2"] == "symbol, number")
        #expect(types["counted/2"] == "symbol, integer")
        // Only the integers pass `V > 1.5` here, but analysis does not narrow by tests.
        #expect(types["whole/2"] == "symbol, number")
        #expect(types["total/2"] == "symbol, number")
        #expect(types["average/2"] == "symbol, number")
        #expect(types["lowest/2"] == "symbol, symbol")
        #expect(types["highest/1"] == "number")
    }

    @Test func aSumOfIntegersIsAnInteger() throws {
        let types = try types("""
            cost(a, 3). cost(a, 4).
            total(S) :- S = sum C : { cost(_, C) }.
            """)
        #expect(types["total/1"] == "integer")
    }

    @Test func aRangesYearsAreIntegers() throws {
        let types = try types("""
            during(e, 2013..2016). year(f, 2020).
            in_effect(E, Y) :- during(E, D), Y in D.
            in_effect(E, Y) :- year(E, Y).
            """)
        #expect(types["during/2"] == "symbol, range")
        #expect(types["in_effect/2"] == "symbol, integer")
    }

    /// The recursive rule comes first, so its first pass reads an empty
    /// relation: only the fixpoint gives it the decimals of the halving.
    @Test func aRecursiveStratumRunsToAFixpoint() throws {
        let types = try types("""
            halving(X, Z) :- halving(X, Y), Y > 1, Z = Y / 2.
            halving(X, Y) :- start(X, Y).
            start(a, 12).
            odd(X) :- start(_, X).
            odd(Y) :- even(X), Y = X + 1.
            even(Y) :- odd(X), X < 20, Y = X * 1.5.
            """)
        #expect(types["halving/2"] == "symbol, number")
        #expect(types["odd/1"] == "number")
        #expect(types["even/1"] == "number")
    }

    @Test func aColumnCanMixIntegersAndSymbols() throws {
        let types = try types("""
            level(a, 1). level(b, high).
            known(X, L) :- level(X, L).
            doubled(Z) :- level(_, L), Z = L * 2.
            nothing(Z) :- level(X, _), Z = X + 1.
            unknown(X) :- undefined(X).
            flag.
            """)
        #expect(types["level/2"] == "symbol, integer | symbol")
        #expect(types["known/2"] == "symbol, integer | symbol")
        #expect(types["doubled/1"] == "integer")
        #expect(types["nothing/1"] == "none")
        #expect(types["undefined/1"] == "none")
        #expect(types["unknown/1"] == "none")
        #expect(types["flag/0"] == "")
    }

    @Test func theBuiltInsHoldArgumentsAndWords() throws {
        let types = try types("""
            claim c1. claim c2. rebuts(c2, c1).
            accepted(C) :- status(C, accepted).
            """, vocabulary: true)
        for builtin in Builtin.allCases {
            #expect(types["\(builtin.rawValue)/2"] == "symbol, symbol")
        }
        #expect(types["accepted/1"] == "symbol")
    }

    /// Every value of every relation of the shipped base, in every view,
    /// is of a kind its column's type allows.
    @Test func everyShippedRowFitsItsTypes() throws {
        let root = ProjectPaths.root() + "/Knowledge"
        let paths = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".rj") }.sorted()
        let files = paths.compactMap { path in FileManager.default.contents(atPath: root + "/" + path).map { SourceFile(name: "Knowledge/" + path, bytes: Array($0)) } }
        let base = KnowledgeBase()
        try base.load(files.map { Parser.parse($0) })
        let program = base.currentProgram()
        let types = ColumnTypes(program)
        let evaluator = base.startEvaluation()
        var checked = 0
        var kinds: Set<ColumnType> = []
        for view in [Owner.common, .joint] + program.sources {
            for predicate in program.predicates.allIDs {
                let relation = try evaluator.relation(predicate, in: view)
                for row in 0..<relation.count {
                    for column in 0..<relation.arity {
                        let kind = ColumnType(of: relation.value(row: row, column: column))
                        kinds.insert(kind)
                        checked += 1
                        if !types[predicate][column].contains(kind) {
                            Issue.record("\(program.predicates[predicate].signature) column \(column + 1) holds \(kind) in view \(view), typed \(types[predicate][column])")
                            return
                        }
                    }
                }
            }
        }
        #expect(checked > 10_000)
        #expect(kinds == [.integer, .decimal, .symbol, .range], "the shipped base should exercise every kind")
    }
}
