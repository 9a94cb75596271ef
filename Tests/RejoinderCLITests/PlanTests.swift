import RejoinderTestSupport
import Testing

/// `:plan` and `rejoinder check --plan` print the evaluator's own plan:
/// strata lowest first, each rule's steps in the order they run, the
/// columns each scan looks up by hash index. Goldens checked by hand.
@Suite struct PlanTests {
    static let golden = ProjectPaths.root() + "/Tests/RejoinderCLITests/Golden/plan/"

    @Test func checkPrintsThePlanOfTheFilesRules() throws {
        let result = try ProcessRunner.run(["check", "--no-default-kb", "--plan", Self.golden + "closure.rj"])
        #expect(result.status == 0, "\(result.error)")
        #expect(Golden.mismatch(result.output.replacingOccurrences(of: Self.golden, with: ""), file: Self.golden + "closure.out") == nil)
    }

    @Test func thePromptPrintsAQuerysPlanWithTheStrataItReads() throws {
        let result = try ProcessRunner.run(["run", "-e", ":plan ?- meets(russia, S, 2020) according to wong."])
        #expect(result.status == 0, "\(result.error)")
        #expect(Golden.mismatch(result.output, file: Self.golden + "mission.out") == nil)
    }

    @Test func aBadQueryIsADiagnosticAndNotAPlan() throws {
        let result = try ProcessRunner.run(["run", "-e", ":plan ?- meets(russia, S)."])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.error.hasPrefix("<arg>:1:10: error: arity mismatch: meets/2 here, meets/3 at"), "\(result.error)")
        let notQuery = try ProcessRunner.run(["run", "-e", ":plan meets(russia, S, 2020)."])
        #expect(notQuery.error.contains("error: expected one query after ':plan', such as :plan ?- meets(russia, S, 2020)."), "\(notQuery.error)")
    }
}
