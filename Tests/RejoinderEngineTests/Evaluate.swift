import Foundation
@testable import RejoinderEngine
import RejoinderSyntax
import RejoinderTestSupport
import Testing

/// A knowledge base loaded from text, for tests; with `vocabulary`, the
/// shipped base's words for the argumentation roles are loaded first
/// (`claim`, `evidence` are arguments, `rebuts` attacks).
func knowledgeBase(_ program: String, name: String = "test.rj", vocabulary: Bool = false) throws -> KnowledgeBase {
    let base = KnowledgeBase()
    if vocabulary { try base.load([Parser.parse(debateVocabulary())]) }
    try base.load([Parser.parse(SourceFile(name: name, text: program))])
    return base
}

/// `Knowledge/debate/vocabulary.rj` (the tests run from the project).
func debateVocabulary() -> SourceFile {
    let path = ProjectPaths.root() + "/Knowledge/debate/vocabulary.rj"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { preconditionFailure("cannot read \(path)") }
    return SourceFile(name: "vocabulary.rj", text: text)
}

/// The rows of a query's answer as text: values separated by spaces,
/// followed by ` @ sources` (or ` @ all`) when the answer has an
/// `according to` column, and by the yes/no flags for `contrast`.
///
/// Every query of the corpus is also answered on each SQL engine at hand
/// (`SQLEngines`: SQLite always, PostgreSQL and DuckDB when their test
/// variables are set), and the answers must agree row for row, or all
/// fail with the same messages: this makes each evaluation test a
/// differential test of the SQL backend.
///
/// It is answered in memory a second and a third time with every scan of
/// more than two rows cut into chunks of two (`ChunkedRun`), on one thread
/// and on two, and those answers must be the plain one.
func rows(_ base: KnowledgeBase, _ query: String) throws -> [String] {
    let memory = Result { try answerRows(base, query, engine: .memory) }
    let (threads, chunkRows) = (base.threads, base.chunkRows)
    for chunkedThreads in [1, 2] {
        base.chunkRows = 2
        base.threads = chunkedThreads
        let chunked = Result { try answerRows(base, query, engine: .memory) }
        (base.threads, base.chunkRows) = (threads, chunkRows)
        expect(chunked, from: "the in-memory engine in chunks on \(chunkedThreads) threads", toBe: memory, query)
    }
    for engine in SQLEngines.available {
        expect(Result { try engine.withEngine { try answerRows(base, query, engine: $0) } }, from: engine.name, toBe: memory, query)
    }
    return try memory.get()
}

/// Records how `found` differs from the in-memory engine's plain answer.
private func expect(_ found: Result<[String], any Error>, from engine: String, toBe memory: Result<[String], any Error>, _ query: String) {
    switch (memory, found) {
    case (.success(let expected), .success(let found)):
        #expect(found == expected, "\(engine) answers \(query) differently")
    case (.failure(let expected), .failure(let found)):
        #expect(messages(found) == messages(expected), "\(engine) fails \(query) differently")
    case (.success(let expected), .failure(let found)):
        Issue.record("\(engine) fails \(query) (\(messages(found))) where the in-memory engine answers \(expected)")
    case (.failure(let expected), .success(let found)):
        Issue.record("\(engine) answers \(query) with \(found) where the in-memory engine fails (\(messages(expected)))")
    }
}

private func messages(_ error: any Error) -> [String] {
    (error as? DiagnosticError)?.diagnostics.map(\.message) ?? ["\(error)"]
}

/// The rows of a query's answer on one engine.
func answerRows(_ base: KnowledgeBase, _ query: String, engine: EvaluationEngine) throws -> [String] {
    base.engine = engine
    defer { base.engine = .memory }
    let file = SourceFile(name: "<query>", text: query)
    let tree = Parser.parse(file)
    guard tree.diagnostics.isEmpty, case .query(let parsed)? = tree.statements.first else {
        throw DiagnosticError(tree.diagnostics)
    }
    let answer: Answer
    do {
        answer = try base.answer(parsed, in: file)
    } catch {
        if case .invalid(let diagnostics) = error { throw DiagnosticError(diagnostics) }
        throw error
    }
    return answer.rows.map { row in
        var text = row.values.map(\.sourceText).joined(separator: " ")
        switch answer.perspective {
        case .everySource:
            text += " @ " + (answer.sources(of: row)?.joined(separator: ",") ?? "all")
        case .contrast:
            text += " | " + row.holdsIn.map { $0 ? "yes" : "no" }.joined(separator: " ")
        default:
            break
        }
        return text.hasPrefix(" ") ? String(text.dropFirst()) : text
    }
}

func rows(_ program: String, _ query: String, vocabulary: Bool = false) throws -> [String] {
    try rows(try knowledgeBase(program, vocabulary: vocabulary), query)
}

/// The formatted diagnostics of loading `program`, or of asking `query`
/// after loading it.
func diagnostics(_ program: String, query: String? = nil, vocabulary: Bool = false) -> String {
    let base = KnowledgeBase()
    do {
        if vocabulary { try base.load([Parser.parse(debateVocabulary())]) }
        try base.load([Parser.parse(SourceFile(name: "test.rj", text: program))])
    } catch {
        return DiagnosticFormatter().format(error.diagnostics)
    }
    guard let query else { return "" }
    do {
        _ = try rows(base, query)
        return ""
    } catch let error as DiagnosticError {
        return DiagnosticFormatter().format(error.diagnostics)
    } catch {
        return "\(error)"
    }
}
