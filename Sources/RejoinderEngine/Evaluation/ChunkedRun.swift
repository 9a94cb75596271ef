import Dispatch
import RejoinderSyntax
import Synchronization

/// Runs a large scan in chunks, on several threads, with the answer of one.
///
/// When the first step of a plan reads many rows (or it is an aggregate
/// whose inner chain does), those rows are cut into chunks of `chunkRows`.
/// Each thread runs its own copy of the chain over the chunks it takes,
/// keeping each chunk's output apart: the rows a rule derives that the
/// target lacks, or an aggregate's folded groups. The chunks are then
/// merged in order on the calling thread. The cut depends only on the
/// number of rows, so every thread count gives the same rows in the same
/// order, the same folds and the same first error; `threads` decides only
/// how many chunks run at once.
///
/// While the chunks run, nothing is written to a relation: every relation
/// the chain reads, and every index it looks rows up in, is made before
/// (on the calling thread), so the threads share them read-only.
struct ChunkedRun {
    static let defaultChunkRows = 4096

    let threads: Int
    let chunkRows: Int

    init(threads: Int, chunkRows: Int = ChunkedRun.defaultChunkRows) {
        self.threads = max(1, threads)
        self.chunkRows = max(1, chunkRows)
    }

    /// The chunks of `rows`, or nil when a scan of fewer than two chunks'
    /// rows runs as it is.
    func chunks(of rows: Range<Int>) -> [Range<Int>]? {
        guard rows.count >= 2 * chunkRows else { return nil }
        return stride(from: rows.lowerBound, to: rows.upperBound, by: chunkRows).map { $0..<min($0 + chunkRows, rows.upperBound) }
    }

    /// Whether threads can run the plan, and compute the terms it derives,
    /// together: nothing may change what they share (making a range value
    /// interns it in the symbol table).
    static func isShareable(_ plan: [PlanStep], deriving terms: [Term]) -> Bool {
        !terms.contains(where: \.makesRange) && plan.allSatisfy { step in
            switch step {
            case .scan(let scan):
                return scan.columns.allSatisfy { if case .key(let term) = $0 { return !term.makesRange } else { return true } }
            case .negation(_, let terms): return terms.allSatisfy { !($0?.makesRange ?? false) }
            case .test(_, let left, let right, _): return !left.makesRange && !right.makesRange
            case .assign(_, let term, _): return !term.makesRange
            case .enumerate(_, let collection, _): return !collection.makesRange
            case .member(let element, let collection, _): return !element.makesRange && !collection.makesRange
            case .aggregate(let aggregate): return isShareable(aggregate.inner, deriving: aggregate.target.map { [$0] } ?? [])
            }
        }
    }

    /// Runs `work(worker, chunk)` for every chunk, on up to `workers`
    /// threads, each worker taking the next chunk in order. After a chunk
    /// fails, the chunks after it are skipped (those before it still run,
    /// so the error reported is the one a single thread would meet first).
    /// Returns the first failure, by chunk.
    func forEachChunk(_ chunkCount: Int, workers: Int,
                      _ work: (_ worker: Int, _ chunk: Int) throws(EvaluationFailure) -> Void) -> (chunk: Int, failure: EvaluationFailure)? {
        withoutActuallyEscaping(work) { work in
            let shared = ChunkWork(chunkCount: chunkCount, workers: workers, work: work)
            if workers <= 1 {
                shared.runChunks(worker: 0)
            } else {
                DispatchQueue.concurrentPerform(iterations: workers) { shared.runChunks(worker: $0) }
            }
            return shared.firstFailure()
        }
    }
}

/// The chunks of one run and the work on each, shared by the threads that
/// take them.
///
/// It is `@unchecked Sendable` because the work reaches the evaluator's
/// classes (chains, runners, relations). Sharing them is safe because each
/// worker's own chain and runner are used only under that worker's lock,
/// the relations and indexes every worker reads are not written until the
/// run returns (`ChunkedRun` makes them all first), and the run returns
/// only once every thread has finished.
private final class ChunkWork: @unchecked Sendable {
    private let chunkCount: Int
    private let work: (Int, Int) throws(EvaluationFailure) -> Void
    private let workerLocks: [WorkerLock]
    private let next = Atomic<Int>(0)
    /// The lowest chunk that failed (chunkCount while none has).
    private let firstFailed: Atomic<Int>
    private let failures: Mutex<[Int: EvaluationFailure]> = Mutex([:])

    init(chunkCount: Int, workers: Int, work: @escaping (Int, Int) throws(EvaluationFailure) -> Void) {
        self.chunkCount = chunkCount
        self.work = work
        workerLocks = (0..<max(1, workers)).map { _ in WorkerLock() }
        firstFailed = Atomic(chunkCount)
    }

    func runChunks(worker: Int) {
        workerLocks[worker].lock.withLock { _ in
            while true {
                let chunk = next.add(1, ordering: .relaxed).oldValue
                guard chunk < chunkCount, chunk < firstFailed.load(ordering: .relaxed) else { return }
                do throws(EvaluationFailure) {
                    try work(worker, chunk)
                } catch {
                    record(error, at: chunk)
                }
            }
        }
    }

    private func record(_ failure: EvaluationFailure, at chunk: Int) {
        failures.withLock { $0[chunk] = failure }
        var known = firstFailed.load(ordering: .relaxed)
        while chunk < known {
            let (exchanged, original) = firstFailed.compareExchange(expected: known, desired: chunk, ordering: .relaxed)
            if exchanged { break }
            known = original
        }
    }

    func firstFailure() -> (chunk: Int, failure: EvaluationFailure)? {
        failures.withLock { failures in failures.keys.min().map { ($0, failures[$0]!) } }
    }
}

/// Held by a worker while it runs chunks with its own chain and runner.
private final class WorkerLock: Sendable {
    let lock = Mutex(())
}

/// The end of a worker's chain in a parallel rule run: computes the head
/// and keeps, in the chunk's buffer, the rows the target lacks (it only
/// reads the target; the rows are inserted when the chunks are merged).
final class ChunkEmitStep: Step {
    private let target: Relation
    private let head: Operands
    private let batch: RowBatch
    private let limits: EvaluationLimits
    private let targetName: String
    var output: PendingRows

    init(target: Relation, named targetName: String, terms: [Term], limits: EvaluationLimits, file: SourceFile) {
        self.target = target
        self.targetName = targetName
        self.limits = limits
        head = Operands(terms)
        batch = RowBatch(arity: terms.count)
        output = PendingRows(arity: terms.count)
        super.init(next: nil, file: file)
    }

    override func run(_ runner: Runner) throws(EvaluationFailure) {
        try head.load(runner, file: file)
        batch.append(tags: head.tags, payloads: head.payloads)
        if batch.isFull { try flush() }
    }

    /// Keeps the held-back rows the target lacks. A chunk's buffer may not
    /// outgrow twice the memory limit of derived facts: the limit itself is
    /// counted as the chunks are merged.
    func flush() throws(EvaluationFailure) {
        output.append(batch, selected: target.absent(batch))
        batch.removeAll()
        let megabytes = limits.maximumDerivedMegabytes
        if megabytes > 0 && output.bytes > megabytes << 21 { throw .memoryLimit(megabytes: megabytes, relation: targetName) }
    }
}

extension Term {
    /// Whether evaluating the term can make a range value.
    var makesRange: Bool {
        switch self {
        case .constant, .variable: return false
        case .range: return true
        case .arithmetic(_, let left, let right, _): return left.makesRange || right.makesRange
        case .negate(let operand, _): return operand.makesRange
        case .function(_, let arguments, _): return arguments.contains { $0.makesRange }
        }
    }
}
