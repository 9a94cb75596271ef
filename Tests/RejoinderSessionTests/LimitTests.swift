import Foundation
import RejoinderEngine
@testable import RejoinderSession
import RejoinderSyntax
import Synchronization
import Testing

/// Runaway queries stop at a limit with an error naming the relation that
/// grew, the session goes on, and what it knows is unchanged.
@Suite struct LimitTests {
    private let counting = "n(0).\nn(X) :- n(Y), X = Y + 1.\n"

    @Test func anEndlessFixpointStopsAtTheFactLimit() {
        let (session, transcript) = session(files: ["n.rj": counting + "m(1).\n"])
        session.settings.format = .csv
        session.run(SourceFile(name: "<prompt>", text: ":load n.rj\n:set max-facts 500\n?- n(1000).\n?- m(X).\n?- N = count : { n(X), X < 100 }.\n"))
        #expect(transcript.errorText.contains("""
        <prompt>:3:1: error: evaluation stopped: 'n/1' grew past the limit of 500 derived facts
          ?- n(1000).
          ^~~~~~~~~~~
          help: rules that keep making new values never finish; if this one does, raise the limit with --max-facts N or :set max-facts N (0 for none)
        """))
        // The session goes on with the stored facts alone: nothing derived
        // before the stop is kept, so the next query on n/1 stops again.
        #expect(transcript.answerText == "X\r\n1\r\n")
        #expect(transcript.errorText.contains("<prompt>:5:1: error: evaluation stopped: 'n/1' grew past the limit of 500 derived facts"))
        #expect(session.knowledgeBase.statistics.facts == 2)
    }

    @Test func anEndlessFixpointStopsAtTheTimeLimit() {
        let (session, transcript) = session(files: ["n.rj": counting])
        session.run(SourceFile(name: "<prompt>", text: ":load n.rj\n:set max-facts 0\n:set timeout 0.2\n?- n(-1).\n"))
        #expect(transcript.errorText.contains("""
        <prompt>:4:1: error: evaluation stopped after 0.2 s (the time limit) while deriving 'n/1'
          ?- n(-1).
          ^~~~~~~~~
          help: raise the limit with --timeout SECONDS or :set timeout SECONDS (0 for none)
        """))
    }

    /// An answer too large to hold counts against the limit too.
    @Test func anExplosiveAnswerStops() {
        let facts = (0..<100).map { "e(\($0))." }.joined(separator: "\n")
        let (session, transcript) = session(files: ["e.rj": facts])
        session.run(SourceFile(name: "<prompt>", text: ":load e.rj\n:set max-facts 5000\n?- e(A), e(B), e(C).\n"))
        #expect(transcript.errorText.contains("<prompt>:3:1: error: evaluation stopped: the answer grew past the limit of 5000 derived facts"))
    }

    @Test func setShowsAndChecksTheLimits() {
        let (session, transcript) = session()
        session.run(SourceFile(name: "<prompt>", text: ":set\n:set timeout 2.5\n:set max-facts 10\n:set threads 3\n:set\n:set timout 3\n:set timeout soon\n"
                               + ":set max-memory 64\n:set timeout 1e16\n:set threads 0\n:set thread 2\n"))
        #expect(transcript.answerText == "max-facts 10000000\nmax-memory 2048\ntimeout 60\nthreads \(KnowledgeBase.processorCount)\n"
                + "max-facts 10\nmax-memory 2048\ntimeout 2.5\nthreads 3\n")
        #expect(transcript.errorText.contains("<prompt>:6:1: error: unknown setting 'timout'"))
        #expect(transcript.errorText.contains("help: did you mean 'timeout'?"))
        #expect(transcript.errorText.contains("<prompt>:7:1: error: expected a number of seconds (0 for no limit) after ':set timeout'"))
        #expect(transcript.errorText.contains("<prompt>:10:1: error: expected a whole number of threads from 1 to 256 after ':set threads'"))
        #expect(transcript.errorText.contains("<prompt>:11:1: error: unknown setting 'thread'\n"))
        #expect(transcript.errorText.contains("help: did you mean 'threads'?"))
        #expect(session.knowledgeBase.limits == EvaluationLimits(maximumDerivedFacts: 10, timeLimit: 1e16, maximumDerivedMegabytes: 64))
        #expect(session.knowledgeBase.threads == 3)
    }

    /// The derived facts' memory is bounded, not only their count: sixty
    /// columns a row reach the limit long before the row count does.
    @Test func aWideRelationStopsAtTheMemoryLimit() {
        let (session, transcript) = session()
        session.knowledgeBase.limits = EvaluationLimits(maximumDerivedFacts: 0, timeLimit: 0, maximumDerivedMegabytes: 8)
        let columns = (1..<60).map { "X + \($0)" }.joined(separator: ", ")
        let variables = (0..<60).map { "V\($0)" }.joined(separator: ", ")
        session.run(SourceFile(name: "<prompt>", text: "n(0). n(X) :- n(Y), Y < 100000, X = Y + 1.\n"
            + "wide(X, \(columns)) :- n(X).\n?- N = count : { wide(\(variables)) }.\n?- N = count : { n(X) }.\n"))
        #expect(transcript.errorText.hasPrefix("<prompt>:3:1: error: evaluation stopped: 'wide/60' grew past the limit of 8 MB of derived facts"))
        #expect(transcript.answerText.hasSuffix("| 100,001 |\n+---------+\n(1 row)\n"))
    }

    // MARK: Printing

    /// A session whose answers go to `write`, over `count` facts
    /// `f(I, "a label of some length I")`: about 350 KB as a table.
    private func printing(_ count: Int = 0, _ write: @escaping @Sendable (String) -> Void) -> (Session, Transcript) {
        let transcript = Transcript()
        let output = SessionOutput(answer: write, error: transcript.output.error)
        let session = Session(output: output)
        session.run(SourceFile(name: "facts.rj", text: (0..<count).map { "f(\($0), \"a label of some length \($0)\")." }.joined(separator: "\n")))
        return (session, transcript)
    }

    /// Printing is part of the query: Ctrl-C during it stops it between two
    /// pieces, and the answer arrives in pieces, never as one text.
    @Test func ctrlCStopsAnAnswerBeingPrinted() {
        let pieces = Mutex<[Int]>([])
        // What Ctrl-C's handler calls, here when the first piece arrives.
        let control = Mutex<EvaluationControl?>(nil)
        let (session, transcript) = printing(10_000) { text in
            let count = pieces.withLock { pieces in
                pieces.append(text.utf8.count)
                return pieces.count
            }
            if count == 1 { control.withLock { $0?.cancel() } }
        }
        control.withLock { $0 = session.knowledgeBase.control }
        session.run(SourceFile(name: "<prompt>", text: "?- f(I, L).\n"))
        #expect(transcript.errorText == "printing cancelled: the answer has 10000 rows\n")
        #expect(pieces.withLock { $0.count } == 1)
        #expect(pieces.withLock { $0[0] } < 70_000)
        #expect(session.hadError)
        // The next query runs and prints whole.
        let before = pieces.withLock { $0.count }
        session.run(SourceFile(name: "<prompt>", text: ":format csv\n?- f(I, L).\n"))
        #expect(pieces.withLock { $0.count } - before > 4)
    }

    /// A terminal that takes its time: the printing stops at the query's
    /// time limit, with an error at the query.
    @Test func printingStopsAtTheTimeLimit() {
        let pieces = Mutex(0)
        let (session, transcript) = printing(10_000) { _ in
            pieces.withLock { $0 += 1 }
            usleep(400_000)
        }
        session.knowledgeBase.limits.timeLimit = 1
        session.run(SourceFile(name: "<prompt>", text: "?- f(I, L).\n"))
        #expect(transcript.errorText == """
        <prompt>:1:1: error: printing stopped after 1 s (the time limit): the answer has 10000 rows
          ?- f(I, L).
          ^~~~~~~~~~~
          help: ask for fewer rows, or raise the limit with --timeout SECONDS or :set timeout SECONDS (0 for none)

        """)
        // At 0.4 s a piece, the second runs out within a few pieces of the
        // many an answer of 10,000 rows takes; on a loaded machine the
        // query itself may use most of it, so the floor is not fixed.
        #expect(pieces.withLock { $0 } <= 4)
    }

    /// A `:once` file is never left holding part of an answer: when its
    /// printing stops, the old file stays.
    @Test func aStoppedAnswerLeavesTheOnceFileAsItWas() throws {
        let path = NSTemporaryDirectory() + "rejoinder-once-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).txt"
        try AtomicFile.write("before\n", to: path)
        let (session, transcript) = printing(0) { _ in }
        let answer = Answer(columns: ["I"], perspective: .commonGround, rows: (0..<10_000).map { Answer.Row(values: [.integer(Int64($0))], holdsIn: []) })
        let span = SourceSpan(file: SourceFile(name: "<prompt>", text: "?- f(I)."), range: SourceRange(start: 0, end: 8))
        session.run(SourceFile(name: "<prompt>", text: ":once \(path)\n"))
        #expect(!session.printAnswer(answer, before: .now - .seconds(1), for: span))
        #expect(transcript.errorText.hasPrefix("<prompt>:1:1: error: printing stopped after 60 s (the time limit): the answer has 10000 rows\n"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "before\n")
        // The next answer goes to the terminal, and a whole one to the file.
        #expect(session.printAnswer(answer, before: nil, for: span))
        session.run(SourceFile(name: "<prompt>", text: ":once \(path)\n"))
        #expect(session.printAnswer(answer, before: nil, for: span))
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.hasSuffix("| 9999 |\n+------+\n(10000 rows)\n"), "\(written.suffix(100))")
        unlink(path)
    }

    /// Overflow, division by zero, results too large for a double, a
    /// number compared with a symbol: located errors, never a trap.
    @Test(arguments: [
        ("?- X = 9223372036854775807 + 1.", "<prompt>:1:8: error: integer overflow in 9223372036854775807 + 1"),
        ("?- X = -(-9223372036854775807 - 1).", "<prompt>:1:8: error: integer overflow in negation"),
        ("?- X = abs(-9223372036854775807 - 1).", "<prompt>:1:8: error: integer overflow in abs"),
        ("?- X = 0.0 / 0.0.", "<prompt>:1:8: error: division by zero"),
        ("?- X = 1 / 0.", "<prompt>:1:8: error: division by zero"),
        ("?- X = 1e308 + 1e308.", "<prompt>:1:8: error: arithmetic overflow: the result is too large for a number"),
        ("?- X = 1e400.", "<prompt>:1:8: error: number is too large"),
        ("?- X = 99999999999999999999.", "<prompt>:1:8: error: integer literal is too large"),
        ("?- X = log(0).", "<prompt>:1:8: error: log of 0, which is not positive"),
        ("?- X = russia, X < 1.", "<prompt>:1:16: error: cannot compare the symbol russia with the number 1 using '<'"),
        ("?- X = russia + 1.", "<prompt>:1:8: error: arithmetic needs a number, found the symbol russia"),
    ])
    func arithmeticErrorsAreLocated(query: String, expected: String) {
        let (session, transcript) = session()
        session.run(SourceFile(name: "<prompt>", text: query + "\n?- Y = 1 + 1.\n"))
        #expect(transcript.errorText.hasPrefix(expected + "\n"), "\(transcript.errorText)")
        #expect(transcript.answerText.contains("2"))
    }
}
