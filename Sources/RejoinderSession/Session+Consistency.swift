import RejoinderEngine
import RejoinderSyntax

/// A row that one of the knowledge base's consistency checks found.
public struct ConsistencyProblem: Sendable, Equatable {
    /// The check's id and label.
    public let check: String
    public let description: String
    /// Where the check is declared, `file:line`.
    public let location: String?
    /// The views whose answer has the row; nil when every view has it.
    public let views: [String]?
    /// The row's values, each entity followed by the paragraphs and notes
    /// it cites: `asan_russia_meets_none (¶31)`.
    public let values: [String]

    /// `according to asan: x (¶31), y (¶40)`.
    public var row: String {
        let place = views.map { "according to " + $0.joined(separator: ", ") + ": " } ?? ""
        return place + values.joined(separator: ", ")
    }
}

/// The outcome of running the consistency checks.
public struct ConsistencyReport: Sendable, Equatable {
    public let checks: Int
    public let problems: [ConsistencyProblem]
    /// Checks that could not run, with the reason.
    public let failures: [String]
}

extension Session {
    /// The kind of the entities that declare consistency checks; each names
    /// with `relation` a predicate whose every row is a problem.
    static let consistencyCheckKind = "consistency_check"

    /// Runs every declared consistency check in every view.
    public func consistencyReport() -> ConsistencyReport {
        let snapshot = knowledgeBase.snapshot
        var citations: [String: String] = [:]
        for entity in snapshot.entities {
            let cited = ["para", "note"].flatMap { name in
                (entity.attributes.first { $0.name == name }?.values ?? []).map { (name == "para" ? "¶" : "note ") + $0.plainText }
            }
            if !cited.isEmpty { citations[entity.id] = cited.joined(separator: ", ") }
        }
        let checks = snapshot.entities.filter { $0.kind == Self.consistencyCheckKind && $0.source == nil }
        var problems: [ConsistencyProblem] = []
        var failures: [String] = []
        for check in checks {
            let location = knowledgeBase.declaration(of: check.id).map { "\($0.file):\($0.line)" }
            let description = check.attributes.first { $0.name == "label" }?.values.first?.plainText ?? check.id
            guard let relation = check.attributes.first(where: { $0.name == "relation" })?.values.first?.plainText,
                  let summary = knowledgeBase.summary(of: relation) else {
                failures.append("\(location.map { $0 + ": " } ?? "")\(check.id): no relation to run (give it `relation: NAME` of a defined predicate)")
                continue
            }
            let variables = (0..<summary.arity).map { "V\($0)" }
            let file = SourceFile(name: "<check \(check.id)>",
                                  text: "?- \(relation)" + (variables.isEmpty ? "" : "(" + variables.joined(separator: ", ") + ")") + ".")
            guard case .query(let query)? = Parser.parse(file).statements.first else { continue }
            let answer: Answer
            do {
                answer = try knowledgeBase.answer(query, in: file)
            } catch {
                failures.append("\(location.map { $0 + ": " } ?? "")\(check.id): \(relation) cannot be evaluated")
                continue
            }
            for row in answer.rows {
                let values = row.values.map { value in
                    let text = value.sourceText
                    return citations[value.plainText].map { "\(text) (\($0))" } ?? text
                }
                problems.append(ConsistencyProblem(check: check.id, description: description, location: location,
                                                   views: answer.perspective.isSingleView ? nil : answer.sources(of: row), values: values))
            }
        }
        return ConsistencyReport(checks: checks.count, problems: problems, failures: failures)
    }

    /// `rejoinder check --consistency` and `:check`: the consistency checks
    /// and every exercise's reference answer on the loaded knowledge base.
    /// Prints the problems grouped by check and a summary line; returns
    /// whether there were none.
    @discardableResult
    public func checkConsistency(files: [SourceFile] = []) -> Bool {
        let report = consistencyReport()
        var text = ""
        var previous: String?
        for problem in report.problems {
            if problem.check != previous {
                text += "\(problem.location.map { $0 + ": " } ?? "")\(problem.check): \(problem.description)\n"
                previous = problem.check
            }
            text += "  \(problem.row)\n"
        }
        report.failures.forEach { text += "error: \($0)\n" }
        let exercisesFailing = exercises.filter { !checkReferenceAnswer(of: $0, among: files) }.count
        let count = report.problems.count + report.failures.count + exercisesFailing
        let scope = "\(report.checks) check\(report.checks == 1 ? "" : "s") and \(exercises.count) exercise answer\(exercises.count == 1 ? "" : "s")"
        text += count == 0 ? "consistency: \(scope), no problems\n"
                           : "consistency: \(count) problem\(count == 1 ? "" : "s") (\(scope))\n"
        emit(text)
        if count > 0 { noteError() }
        return count == 0
    }
}
