@testable import RejoinderEngine
import RejoinderSyntax
import Testing

/// How a parallel run cuts its scan, and which rules it keeps on one thread.
@Suite struct ChunkedRunTests {
    /// The cut depends on the rows alone: a scan of fewer than two chunks
    /// runs as it is; the last chunk takes what is left.
    @Test func chunksDependOnTheRowsAlone() {
        for threads in [1, 2, 8] {
            let run = ChunkedRun(threads: threads, chunkRows: 4)
            #expect(run.chunks(of: 0..<7) == nil)
            #expect(run.chunks(of: 3..<13) == [3..<7, 7..<11, 11..<13])
        }
    }

    /// Making a range value interns it, which threads may not do together:
    /// a rule that makes one, in its head or its body, runs on one thread.
    @Test func aRuleThatMakesARangeRunsOnOneThread() throws {
        let base = try knowledgeBase("""
            q(1, 2). q(2, 5).
            span(A..B) :- q(A, B).
            inside(A) :- q(A, B), A in A..B.
            total(S) :- q(A, B), S = A + B.
            counted(N) :- N = count : { q(A, B), A < B }.
            """)
        let program = base.currentProgram()
        let shareable = Dictionary(uniqueKeysWithValues: program.rules.map { rule in
            (program.predicates[rule.head].name, ChunkedRun.isShareable(program.plan(rule, first: nil).steps, deriving: rule.headTerms))
        })
        #expect(shareable == ["span": false, "inside": false, "total": true, "counted": true])
    }
}
