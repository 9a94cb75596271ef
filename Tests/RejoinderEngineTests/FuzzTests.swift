import Foundation
import RejoinderTestSupport
import Testing

/// The fuzzer over the shipped knowledge base. `make test` runs a few
/// thousand cases; `make fuzz N=… SEED=…` runs as many as asked, in release,
/// through `REJOINDER_FUZZ_CASES` and `REJOINDER_FUZZ_SEED`.
@Suite struct FuzzTests {
    /// Enough cases to reach every input kind many times while the debug
    /// build stays near ten seconds on two cores.
    private static let defaultCases = 3000
    private static let defaultSeed: UInt64 = 2025

    /// Found from this file's path, so that the tests run from any folder.
    private static let root = ProjectPaths.root()

    private static func knowledgeFiles() throws -> [[UInt8]] {
        try ["debate", "indicators", "questions", "exercises"].flatMap { folder in
            try Golden.files(in: root + "/Knowledge/" + folder, withExtension: "rj").map { path in
                Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            }
        }
    }

    private static func fuzzer(seed: UInt64) throws -> Fuzzer {
        Fuzzer(seed: seed, knowledgeFiles: try knowledgeFiles(), reproducerPath: root + "/.build/fuzz-last-case.rj")
    }

    @Test func everyInputEndsInAnswersOrDiagnostics() throws {
        let environment = ProcessInfo.processInfo.environment
        let cases = try environment["REJOINDER_FUZZ_CASES"].map { try #require(Int($0), "REJOINDER_FUZZ_CASES must be a count") } ?? Self.defaultCases
        let seed = try environment["REJOINDER_FUZZ_SEED"].map { try #require(UInt64($0), "REJOINDER_FUZZ_SEED must be a number") } ?? Self.defaultSeed
        let report = try Self.fuzzer(seed: seed).run(cases: cases)
        print(report.summary)
        for failure in report.failures {
            print(failure)
            Issue.record("a fuzz case failed\n\(failure)")
        }
        if !report.notMinimised.isEmpty {
            let numbers = report.notMinimised.prefix(20).map(String.init).joined(separator: ", ")
            Issue.record("more fuzz cases failed\nseed \(seed): \(report.notMinimised.count) more failed cases, not minimised: \(numbers)")
        }
    }

    /// A case number replays its input, whatever ran before.
    @Test func casesAreDeterministic() throws {
        let fuzzer = try Self.fuzzer(seed: 7)
        let inputs = (0..<50).map(fuzzer.input(ofCase:))
        #expect(try Self.fuzzer(seed: 7).input(ofCase: 31) == inputs[31])
        #expect(Set(inputs).count > 45)
    }

    /// The reproducer file holds the input of the last case run, as it
    /// would if that case had crashed.
    @Test func theLastCaseIsOnDisk() throws {
        let path = try ProcessRunner.temporaryFolder() + "/last-case.rj"
        let fuzzer = Fuzzer(seed: 3, knowledgeFiles: try Self.knowledgeFiles(), reproducerPath: path)
        #expect(try fuzzer.run(cases: 20).failures.isEmpty)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == fuzzer.input(ofCase: 19))
    }

    @Test func minimisingKeepsOnlyWhatFails() {
        let input = Array("p(a).\nq(\"x\u{FF}y\") :- r.\n?- q(X).\n".utf8)
        let minimal = Fuzzer.minimise(input) { $0.contains(0xC3) && $0.contains(UInt8(ascii: "?")) }
        #expect(minimal == [0xC3, UInt8(ascii: "?")])
        #expect(Fuzzer.escaped(minimal) == "\"\\xC3?\"")
    }
}
