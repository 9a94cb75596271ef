import Foundation
import RejoinderEngine
import RejoinderSyntax
import Synchronization

/// Seeded robustness testing of the whole pipeline — lexer, parser, both
/// loading paths, analysis, evaluation and explanation — on random bytes,
/// invalid UTF-8, mutated knowledge files and mutated generated programs.
/// Every input must end in answers or diagnostics: no crash, no hang, no
/// case slower than a second, no failure without a diagnostic, no
/// diagnostic pointing outside its file.
///
/// Case i is generated from the seed and i alone, so a seed and a case
/// number replay one input without running the cases before it.
public struct Fuzzer {
    public let seed: UInt64
    private let corpus: KnowledgeCorpus
    /// Where each input is written before it runs: a crash takes the
    /// process down before any report, so this file is its reproducer.
    private let reproducerPath: String
    /// Failures past this many are counted but not minimised: one bug
    /// usually fails many cases, and each minimisation takes seconds.
    public static let maximumMinimised = 10
    /// How long minimising one failure may take: a slow input costs a
    /// second a try.
    public static let minimisingTime: Duration = .seconds(30)

    /// `knowledgeFiles` are the texts mutated (the shipped knowledge base);
    /// there must be at least one.
    public init(seed: UInt64, knowledgeFiles: [[UInt8]], reproducerPath: String) {
        precondition(!knowledgeFiles.isEmpty, "the fuzzer needs knowledge files to mutate")
        self.seed = seed
        self.corpus = KnowledgeCorpus(files: knowledgeFiles)
        self.reproducerPath = reproducerPath
    }

    /// The input of case `number`.
    public func input(ofCase number: Int) -> [UInt8] {
        var mixer = SeededGenerator(seed: seed ^ (UInt64(truncatingIfNeeded: number) &* 0xD1B5_4A32_D192_ED03))
        var generator = FuzzInputGenerator(seed: mixer.next(), corpus: corpus)
        return generator.input()
    }

    /// Runs cases `0..<cases`, then minimises the inputs that failed.
    /// Exits the process if one case hangs (see `Watchdog`).
    public func run(cases: Int) throws -> FuzzReport {
        let reproducer = try ReproducerFile(path: reproducerPath)
        let watchdog = Watchdog(seed: seed, limit: .seconds(10))
        defer { watchdog.stop() }
        let clock = ContinuousClock()
        let started = clock.now
        // Numbers only: a case's input is made again from its number.
        var failed: [(number: Int, kind: FuzzFinding.Kind)] = []
        for number in 0..<cases {
            let input = input(ofCase: number)
            reproducer.write(input)
            let findings = watchdog.watch(case: number, input: input, isMinimising: false) { FuzzCase.findings(for: input) }
            for finding in findings {
                failed.append((number, finding.kind))
            }
        }
        let elapsed = clock.now - started
        var failures: [FuzzFailure] = []
        var notMinimised: [Int] = []
        for (number, kind) in failed {
            guard failures.count < Self.maximumMinimised else {
                notMinimised.append(number)
                continue
            }
            let input = input(ofCase: number)
            let stillFails = { (candidate: [UInt8]) -> Bool in
                reproducer.write(candidate)
                let findings = watchdog.watch(case: number, input: candidate, isMinimising: true) { FuzzCase.findings(for: candidate) }
                return findings.contains { $0.kind == kind }
            }
            // A case that was slow only because other tests shared the
            // machine at that moment is not slow on a second run.
            guard kind != .slow || stillFails(input) else { continue }
            let minimal = Self.minimise(input, deadline: clock.now + Self.minimisingTime, while: stillFails)
            let finding = FuzzCase.findings(for: minimal).first { $0.kind == kind }
                ?? FuzzCase.findings(for: input).first { $0.kind == kind }
                ?? FuzzFinding(kind: kind, detail: "no longer fails when run again")
            failures.append(FuzzFailure(seed: seed, caseNumber: number, finding: finding, input: input, minimal: minimal))
        }
        return FuzzReport(cases: cases, seed: seed, elapsed: elapsed, failures: failures, notMinimised: notMinimised)
    }

    /// Delta debugging: removes chunks of lines, then of bytes, halving the
    /// chunks when no removal keeps the failure, for as long as `stillFails`
    /// holds and `deadline` is not passed.
    public static func minimise(_ input: [UInt8], deadline: ContinuousClock.Instant = .now + minimisingTime,
                                while stillFails: ([UInt8]) -> Bool) -> [UInt8] {
        let lines = removingChunks(of: KnowledgeCorpus.lines(of: input), deadline: deadline, while: stillFails)
        return removingChunks(of: lines.joined().map { [$0] }, deadline: deadline, while: stillFails).flatMap { $0 }
    }

    /// The units left after removing every chunk whose removal keeps the
    /// failure (Zeller's ddmin, without its complement step).
    private static func removingChunks(of units: [[UInt8]], deadline: ContinuousClock.Instant,
                                       while stillFails: ([UInt8]) -> Bool) -> [[UInt8]] {
        var units = units
        var chunkCount = 2
        while units.count > 1 && ContinuousClock.now < deadline {
            let chunkSize = (units.count + chunkCount - 1) / chunkCount
            let removable = stride(from: 0, to: units.count, by: chunkSize).lazy.map { start in
                start..<min(start + chunkSize, units.count)
            }.first { chunk in
                var candidate = units
                candidate.removeSubrange(chunk)
                return ContinuousClock.now < deadline && stillFails(candidate.flatMap { $0 })
            }
            if let chunk = removable {
                units.removeSubrange(chunk)
                chunkCount = max(chunkCount - 1, 2)
            } else if chunkSize == 1 {
                break
            } else {
                chunkCount = min(chunkCount * 2, units.count)
            }
        }
        if units.count == 1 && stillFails([]) { return [] }
        return units
    }

    /// `bytes` as a quoted string: printable ASCII as is, `\n`, `\t`, `\"`
    /// and `\\` escaped, every other byte as `\xHH`, so that invalid UTF-8
    /// shows exactly.
    public static func escaped(_ bytes: [UInt8]) -> String {
        var text = "\""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\n"): text += "\\n"
            case UInt8(ascii: "\t"): text += "\\t"
            case UInt8(ascii: "\""): text += "\\\""
            case UInt8(ascii: "\\"): text += "\\\\"
            case 0x20..<0x7F: text.unicodeScalars.append(Unicode.Scalar(byte))
            default: text += "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return text + "\""
    }
}

/// What one case broke.
public struct FuzzFinding: Sendable {
    public enum Kind: Sendable, Hashable {
        /// The case took more than `FuzzCase.slowLimit`.
        case slow
        /// A diagnostic, a note or a token has a range outside its file.
        case spanOutsideInput
        /// Loading or a query failed without saying why.
        case failureWithoutDiagnostic
        /// Loading statement by statement and loading the syntax tree
        /// disagree on whether the input loads, on what it holds, or on
        /// the diagnostics they print.
        case loadingPathsDisagree
    }

    public let kind: Kind
    public let detail: String
}

/// A failed case, with the smallest input found that fails the same way.
public struct FuzzFailure: Sendable, CustomStringConvertible {
    public let seed: UInt64
    public let caseNumber: Int
    /// The minimal input's finding.
    public let finding: FuzzFinding
    public let input: [UInt8]
    public let minimal: [UInt8]

    public var description: String {
        "seed \(seed), case \(caseNumber): \(finding.detail)\n"
            + "minimal reproducer (\(minimal.count) of \(input.count) bytes): \(Fuzzer.escaped(minimal))"
    }
}

/// The outcome of a run.
public struct FuzzReport: Sendable {
    public let cases: Int
    public let seed: UInt64
    public let elapsed: Duration
    /// The minimised failures, at most `Fuzzer.maximumMinimised`.
    public let failures: [FuzzFailure]
    /// The numbers of the failed cases past those.
    public let notMinimised: [Int]

    /// `fuzz: N cases, seed S, T s, F failures`, for the test's output.
    public var summary: String {
        "fuzz: \(cases) cases, seed \(seed), \(formattedSeconds(elapsed, digits: 1)), \(failures.count + notMinimised.count) failures"
    }
}

/// `1.25 s`.
func formattedSeconds(_ duration: Duration, digits: Int = 2) -> String {
    let (whole, attoseconds) = duration.components
    return String(format: "%.\(digits)f s", Double(whole) + Double(attoseconds) / 1e18)
}

/// One input through every stage, and what it broke.
enum FuzzCase {
    static let slowLimit: Duration = .seconds(1)
    /// Runaway programs (`n(X) :- n(Y), X = Y + 1.`) stop at these limits
    /// with a diagnostic, well inside `slowLimit`.
    static let limits = EvaluationLimits(maximumDerivedFacts: 100_000, timeLimit: 1)

    static func findings(for bytes: [UInt8]) -> [FuzzFinding] {
        var problems = CaseProblems()
        let elapsed = ContinuousClock().measure { run(bytes, recording: &problems) }
        if elapsed > slowLimit {
            problems.record(.slow, "took \(formattedSeconds(elapsed)) (the limit is \(formattedSeconds(slowLimit)))")
        }
        return problems.findings
    }

    /// Lexes, parses and loads `bytes` both ways; if they load, answers
    /// their queries and explanations.
    private static func run(_ bytes: [UInt8], recording problems: inout CaseProblems) {
        let file = SourceFile(name: "fuzz.rj", bytes: bytes)
        var lexer = Lexer(file: file)
        for token in lexer.tokenize() {
            problems.check(token.range, in: file, "token \(token.kind)")
        }
        problems.check(lexer.diagnostics)
        let tree = Parser.parse(file)
        problems.check(tree.diagnostics)
        // One meaning of a ground fact: the statement reader (which stages
        // plain facts without a syntax tree) and the parser must load the
        // same rows with the same warnings, or both refuse with the same
        // errors, down to the caret, the help and the notes.
        let readerBase = KnowledgeBase()
        let byReader: Result<LoadReport, DiagnosticError>
        do {
            byReader = .success(try readerBase.load([(file: file, range: SourceRange(start: 0, end: file.bytes.count))]))
        } catch {
            byReader = .failure(error)
        }
        let base = KnowledgeBase()
        base.limits = limits
        let byParser: Result<LoadReport, DiagnosticError>
        do {
            byParser = .success(try base.load([tree]))
        } catch {
            byParser = .failure(error)
        }
        switch (byReader, byParser) {
        case (.success(let readerReport), .success(let report)):
            problems.check(readerReport.warnings)
            problems.check(report.warnings)
            problems.compare(readerReport.warnings, report.warnings, "warnings")
            let (readerRows, rows) = (storedRows(readerBase), storedRows(base))
            if readerRows != rows {
                problems.record(.loadingPathsDisagree, "the stored rows differ: statement by statement only \(readerRows.subtracting(rows).sorted().prefix(3)), "
                                + "as a syntax tree only \(rows.subtracting(readerRows).sorted().prefix(3))")
            }
        case (.failure(let readerError), .failure(let error)):
            problems.check(failure: readerError.diagnostics, of: "loading statement by statement")
            problems.check(failure: error.diagnostics, of: "loading the syntax tree")
            problems.compare(readerError.diagnostics, error.diagnostics, "errors")
            return
        case (.success, .failure(let error)):
            problems.check(failure: error.diagnostics, of: "loading the syntax tree")
            problems.record(.loadingPathsDisagree, "loads statement by statement but not as a syntax tree:\n" + DiagnosticFormatter().format(error.diagnostics))
            return
        case (.failure(let readerError), .success):
            problems.check(failure: readerError.diagnostics, of: "loading statement by statement")
            problems.record(.loadingPathsDisagree, "loads as a syntax tree but not statement by statement:\n" + DiagnosticFormatter().format(readerError.diagnostics))
        }
        for statement in tree.statements {
            do {
                switch statement {
                case .query(let query): _ = try base.answer(query, in: file)
                case .explanation(let explanation): _ = try base.explain(explanation, in: file)
                case .definition: continue
                }
            } catch {
                switch error {
                case .invalid(let diagnostics): problems.check(failure: diagnostics, of: "a query")
                case .cancelled: problems.record(.failureWithoutDiagnostic, "a query was cancelled, though nothing cancels it")
                }
            }
        }
    }
}

/// Every stored fact of a knowledge base, with the source stating it.
private func storedRows(_ base: KnowledgeBase) -> Set<String> {
    var rows: Set<String> = []
    for (predicate, facts) in base.snapshot.facts {
        for fact in facts { rows.insert("\(predicate)(\(fact.values.map(\.sourceText).joined(separator: ", "))) @\(fact.source ?? "")") }
    }
    return rows
}

/// What went wrong in one case: the first finding of each kind.
struct CaseProblems {
    private(set) var findings: [FuzzFinding] = []

    mutating func record(_ kind: FuzzFinding.Kind, _ detail: @autoclosure () -> String) {
        guard !findings.contains(where: { $0.kind == kind }) else { return }
        findings.append(FuzzFinding(kind: kind, detail: detail()))
    }

    /// The diagnostics a failure threw: at least one, each inside its file.
    mutating func check(failure diagnostics: [Diagnostic], of stage: String) {
        if diagnostics.isEmpty { record(.failureWithoutDiagnostic, "\(stage) failed without a diagnostic") }
        check(diagnostics)
    }

    mutating func check(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            check(diagnostic.span.range, in: diagnostic.span.file, "\(diagnostic.severity) '\(diagnostic.message)'")
            check(diagnostic.notes)
        }
    }

    /// The two loading paths' diagnostics, rendered as a user reads them
    /// (location, message, caret, help, notes) and in the same order.
    mutating func compare(_ byReader: [Diagnostic], _ byParser: [Diagnostic], _ what: String) {
        let formatter = DiagnosticFormatter()
        let (readerText, parserText) = (byReader.map(formatter.format), byParser.map(formatter.format))
        guard readerText != parserText else { return }
        let first = zip(readerText, parserText).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(readerText.count, parserText.count)
        func shown(_ texts: [String]) -> String { first < texts.count ? texts[first] : "(nothing)\n" }
        record(.loadingPathsDisagree, "the \(what) differ (\(readerText.count) statement by statement, \(parserText.count) as a syntax tree); "
               + "the first difference, number \(first + 1):\nstatement by statement:\n\(shown(readerText))as a syntax tree:\n\(shown(parserText))")
    }

    mutating func check(_ range: SourceRange, in file: SourceFile, _ what: @autoclosure () -> String) {
        guard range.start < 0 || range.start > range.end || range.end > file.bytes.count else { return }
        record(.spanOutsideInput, "\(what()) at \(range.start)..<\(range.end) is outside its \(file.bytes.count)-byte file \(file.name)")
    }
}

/// The inputs of one case, drawn from the case's own generator.
struct FuzzInputGenerator {
    private var random: SeededGenerator
    private let corpus: KnowledgeCorpus

    init(seed: UInt64, corpus: KnowledgeCorpus) {
        random = SeededGenerator(seed: seed)
        self.corpus = corpus
    }

    mutating func input() -> [UInt8] {
        switch Int.random(in: 0..<21, using: &random) {
        case 20: return mutated(longFlatStatement())
        case 0..<3: return randomBytes()
        case 3..<6: return withInvalidUTF8(Bool.random(using: &random) ? program() : knowledgeWindow())
        case 6..<12: return mutated(knowledge())
        case 12..<15: return mutated(program())
        default: return mutated(datalogProgram())
        }
    }

    /// Bytes the language gives meaning to, so that half the random inputs
    /// get past the lexer into the parser.
    private static let languageBytes = Array("aenotwhyXY_09 \n\t()[]{}.,:-?!=<>+*/\"#".utf8)

    private mutating func randomBytes() -> [UInt8] {
        let isBiased = Bool.random(using: &random)
        return (0..<Int.random(in: 0...160, using: &random)).map { _ in
            isBiased && Int.random(in: 0..<4, using: &random) != 0
                ? Self.languageBytes.randomElement(using: &random)!
                : UInt8.random(in: 0...255, using: &random)
        }
    }

    private static let invalidUTF8: [[UInt8]] = [
        [0x80], [0xBF],  // lone continuation bytes
        [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98],  // truncated sequences
        [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF],  // overlong '/'
        [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],  // a surrogate, past U+10FFFF
        [0xFF], [0xFE], [0x00],
    ]

    /// `bytes` with invalid sequences inserted anywhere, or where the lexer
    /// reads bytes without looking at each: in strings and comments.
    private mutating func withInvalidUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let sequence = Self.invalidUTF8.randomElement(using: &random)!
            let insertion: [UInt8]
            switch Int.random(in: 0..<4, using: &random) {
            case 0: insertion = Array("p(\"".utf8) + sequence + Array("\").\n".utf8)
            case 1: insertion = Array("# ".utf8) + sequence + Array("\n".utf8)
            case 2: insertion = sequence + Array("\n".utf8)
            default: insertion = sequence
            }
            bytes.insert(contentsOf: insertion, at: Int.random(in: 0...bytes.count, using: &random))
        }
        return bytes
    }

    /// A window of a knowledge file, mostly after the declarations and
    /// before some shipped queries, so that it loads and its queries run.
    private mutating func knowledge() -> [UInt8] {
        var text = Int.random(in: 0..<4, using: &random) == 0 ? [] : corpus.declarations
        text += knowledgeWindow()
        if Int.random(in: 0..<4, using: &random) != 0 {
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                text += corpus.queries.randomElement(using: &random) ?? []
            }
        }
        return text
    }

    /// One to forty whole statements of a knowledge file, with the
    /// comments between them.
    private mutating func knowledgeWindow() -> [UInt8] {
        let file = corpus.files.randomElement(using: &random)!
        guard !file.statementStarts.isEmpty else { return [] }
        let boundaries = file.statementStarts + [file.lines.count]
        let first = Int.random(in: 0..<file.statementStarts.count, using: &random)
        let last = Int.random(in: first + 1...min(first + 40, file.statementStarts.count), using: &random)
        return KnowledgeCorpus.terminated(Array(file.lines[boundaries[first]..<boundaries[last]].joined()))
    }

    private mutating func program() -> [UInt8] {
        var generator = ProgramGenerator(seed: random.next())
        return Array(generator.program(statements: Int.random(in: 1...8, using: &random)).utf8)
    }

    /// A statement whose expression or body is long and flat, around the
    /// parser's per-statement limits: it must load or fail with a
    /// diagnostic, never overflow the stack in a later walk.
    private mutating func longFlatStatement() -> [UInt8] {
        let length = Int.random(in: 1...(3 * Parser.maximumOperators), using: &random)
        var text = "p(1). p(2).\n"
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            let operators = (0..<length).map { _ in [" + ", " - ", " * "].randomElement(using: &random)! }
            text += "?- X = 1" + operators.map { $0 + "1" }.joined() + ".\n"
        case 1:
            let operators = (0..<length).map { _ in [" + ", " * "].randomElement(using: &random)! }
            text += "q(X, Y) :- p(X), Y = X" + operators.map { $0 + "X" }.joined() + ".\n?- q(X, Y).\nwhy q(1, Y).\n"
        case 2:
            text += "?- " + Array(repeating: "p(X)", count: length).joined(separator: ", ") + ", X > 1.\n"
        default:
            text += "r(X) :- " + Array(repeating: "p(X)", count: length).joined(separator: ", ") + ".\n?- N = count : { r(X) }.\nwhy r(2).\n"
        }
        return Array(text.utf8)
    }

    /// A stratified program with queries and explanations of its predicates.
    private mutating func datalogProgram() -> [UInt8] {
        var generator = DatalogProgramGenerator(seed: random.next())
        var (text, _, predicates) = generator.program()
        for predicate in predicates where Bool.random(using: &random) {
            text += "?- \(predicate)(X, Y).\n"
        }
        if let predicate = predicates.randomElement(using: &random), Bool.random(using: &random) {
            let negation = Bool.random(using: &random) ? "not " : ""
            text += "why \(negation)\(predicate)(\(Int.random(in: 0..<4, using: &random)), \(Int.random(in: 0..<4, using: &random))).\n"
        }
        return Array(text.utf8)
    }

    /// `bytes` unchanged a quarter of the time, after one mutation another
    /// quarter (most inputs that load are among these), else after two to
    /// eight.
    private mutating func mutated(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        let count: Int
        switch Int.random(in: 0..<4, using: &random) {
        case 0: count = 0
        case 1: count = 1
        default: count = Int.random(in: 2...8, using: &random)
        }
        for _ in 0..<count { mutate(&bytes) }
        return bytes
    }

    /// Bytes that end or open constructs, or are not UTF-8.
    private static let insertedBytes = Array("()[]{}.,:-?\"#\n_X0".utf8) + [0x00, 0x80, 0xC3, 0xFF]

    /// Drops, duplicates or swaps tokens (as the lexer sees them), or flips
    /// or inserts a byte. Half the swaps exchange two tokens of one kind,
    /// which keeps the syntax and changes what the program means (arities,
    /// safety, strata), so that the input gets as far as evaluation.
    private mutating func mutate(_ bytes: inout [UInt8]) {
        var lexer = Lexer(file: SourceFile(name: "mutated.rj", bytes: bytes))
        let tokens = lexer.tokenize().filter { $0.range.start >= 0 && $0.range.start < $0.range.end && $0.range.end <= bytes.count }
        switch Int.random(in: 0..<5, using: &random) {
        case 0 where !tokens.isEmpty:
            let token = tokens.randomElement(using: &random)!.range
            bytes.removeSubrange(token.start..<token.end)
        case 1 where !tokens.isEmpty:
            let token = tokens.randomElement(using: &random)!.range
            let separator: [UInt8] = Bool.random(using: &random) ? [UInt8(ascii: " ")] : []
            bytes.insert(contentsOf: separator + bytes[token.start..<token.end], at: token.end)
        case 2 where tokens.count >= 2:
            let one = tokens.randomElement(using: &random)!
            let other = (Bool.random(using: &random) ? tokens.filter { $0.kind == one.kind } : tokens).randomElement(using: &random)!
            let pair = [one.range, other.range].sorted { $0.start < $1.start }
            let (first, second) = (pair[0], pair[1])
            guard first.end <= second.start else { return }
            let swapped = Array(bytes[second.start..<second.end] + bytes[first.end..<second.start] + bytes[first.start..<first.end])
            bytes.replaceSubrange(first.start..<second.end, with: swapped)
        case 3 where !bytes.isEmpty:
            bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        default:
            let byte = Bool.random(using: &random) ? Self.insertedBytes.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
            bytes.insert(byte, at: Int.random(in: 0...bytes.count, using: &random))
        }
    }
}

/// The knowledge files cut into lines, with what makes a window of them
/// load and run: the source declarations, and the queries and explanations.
struct KnowledgeCorpus {
    struct File {
        let lines: [[UInt8]]
        /// The lines that start a statement: in the shipped files, a
        /// statement outside a block starts in the first column, and the
        /// lines that continue it or sit inside a block are indented.
        let statementStarts: [Int]
    }

    let files: [File]
    /// `source name.` and `indicator name.` for every source and indicator
    /// the files declare, so that a window's `according to` statements and
    /// observations load without the declarations' own files.
    let declarations: [UInt8]
    /// Every line that starts with `?-` or `why`.
    let queries: [[UInt8]]

    init(files: [[UInt8]]) {
        self.files = files.map { bytes in
            let lines = Self.lines(of: bytes)
            let starts = lines.indices.filter { index in
                lines[index].first.map { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || $0 == UInt8(ascii: "?") } ?? false
            }
            return File(lines: lines, statementStarts: starts)
        }
        let lines = self.files.flatMap(\.lines)
        declarations = Array(lines.compactMap(Self.declaration).joined(separator: "\n").utf8) + [UInt8(ascii: "\n")]
        queries = lines.filter { $0.starts(with: "?-".utf8) || $0.starts(with: "why ".utf8) }.map(Self.terminated)
    }

    /// `kind name.` for a line that starts to declare a source or an indicator.
    private static func declaration(_ line: [UInt8]) -> String? {
        let words = String(decoding: line, as: UTF8.self).split(separator: " ", maxSplits: 2)
        guard words.count >= 2, words[0] == "source" || words[0] == "indicator" else { return nil }
        return "\(words[0]) \(words[1].prefix { $0.isLetter || $0.isNumber || $0 == "_" })."
    }

    /// The lines of `bytes`, each with its newline (the last one perhaps without).
    static func lines(of bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = 0
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(Array(bytes[start...offset]))
            start = offset + 1
        }
        if start < bytes.count { lines.append(Array(bytes[start...])) }
        return lines
    }

    static func terminated(_ line: [UInt8]) -> [UInt8] {
        line.last == UInt8(ascii: "\n") ? line : line + [UInt8(ascii: "\n")]
    }
}

/// The file each input is written to before it runs.
final class ReproducerFile {
    private let handle: FileHandle

    init(path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = handle
    }

    deinit {
        try? handle.close()
    }

    /// Replaces the file's contents. The bytes reach the kernel before the
    /// case runs, so they survive the process. A failed write is ignored:
    /// the file only matters after a crash, and the run must go on.
    func write(_ bytes: [UInt8]) {
        try? handle.truncate(atOffset: 0)
        try? handle.write(contentsOf: bytes)
    }
}

/// Ends the process when one case runs for more than `limit`. A hang never
/// returns to the test, so a thread of its own must notice it and report
/// the seed, the case and the input.
final class Watchdog: Sendable {
    private struct Running {
        let caseNumber: Int
        let input: [UInt8]
        let isMinimising: Bool
        let started: ContinuousClock.Instant
    }

    private let seed: UInt64
    private let limit: Duration
    private let running = Mutex<Running?>(nil)
    private let isStopped = Atomic<Bool>(false)

    init(seed: UInt64, limit: Duration) {
        self.seed = seed
        self.limit = limit
        let thread = Thread { [self] in patrol() }
        thread.start()
    }

    /// Runs `body` for one case (or one minimisation try) under watch.
    func watch<Value>(case number: Int, input: [UInt8], isMinimising: Bool, _ body: () -> Value) -> Value {
        running.withLock { $0 = Running(caseNumber: number, input: input, isMinimising: isMinimising, started: .now) }
        defer { running.withLock { $0 = nil } }
        return body()
    }

    func stop() {
        isStopped.store(true, ordering: .relaxed)
    }

    private func patrol() {
        while !isStopped.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: 0.1)
            let overdue = running.withLock { running in
                running.flatMap { ContinuousClock.now - $0.started > limit ? $0 : nil }
            }
            guard let overdue else { continue }
            let trying = overdue.isMinimising ? " while minimising it" : ""
            let message = "fuzz: seed \(seed), case \(overdue.caseNumber) hangs (over \(formattedSeconds(limit, digits: 0)))\(trying); input:\n"
                + Fuzzer.escaped(overdue.input) + "\n"
            FileHandle.standardError.write(Data(message.utf8))
            exit(1)
        }
    }
}
