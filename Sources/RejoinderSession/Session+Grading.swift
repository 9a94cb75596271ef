import Foundation
import RejoinderEngine
import RejoinderSyntax

extension Session {
    /// Checks a saved answer: the script's last query (or `why`, for an
    /// exercise that asks for one), with the facts and rules it defines.
    ///
    /// A submission is untrusted. Its meta-commands are not run, except
    /// `:load` of a file in the script's own folder, whose definitions join
    /// the script's; a command that would read a file elsewhere, or write
    /// one, makes the submission invalid. Other commands (`:format`) are
    /// settings and change nothing here.
    public func checkSubmission(_ file: SourceFile, for exercise: Exercise) -> ExerciseVerdict {
        var trees: [SyntaxTree] = []
        for unit in ScriptReader.units(of: file) {
            switch unit {
            case .statements(let range):
                trees.append(Parser.parse(file, range: range))
            case .command(let text, let range):
                let words = Self.words(text)
                switch words.first {
                case "load":
                    let span = SourceSpan(file: file, range: range)
                    switch loadedForGrading(words.dropFirst().first ?? "", from: file) {
                    case .success(let loaded): trees += loaded.flatMap { ScriptReader.parse($0).trees }
                    case .failure(let reason): return ExerciseVerdict(outcome: .invalid, message: "\(span.description): \(reason)")
                    }
                case "read", "output", "output!", "once", "once!", "export", "export!":
                    let span = SourceSpan(file: file, range: range)
                    return ExerciseVerdict(outcome: .invalid,
                                           message: "\(span.description): ':\(words[0])' is not allowed in a graded script, which may not read or write other files")
                default:
                    continue
                }
            }
        }
        let diagnostics = trees.flatMap(\.diagnostics)
        if let error = diagnostics.first(where: \.isError) {
            let help = error.help.map { " (\($0))" } ?? ""
            return ExerciseVerdict(outcome: .invalid, message: "the script does not parse: \(error.span.description): error: \(error.message)\(help)\n"
                                   + DiagnosticFormatter().format(diagnostics))
        }
        let statements = trees.flatMap(\.statements)
        // The answer is the script's last query, or its last why.
        let answer = statements.last { statement in
            if case .definition = statement { return false }
            return true
        }
        if case .explanation(let explanation)? = answer {
            return ExerciseChecker(knowledgeBase: knowledgeBase).check(exercise, explanation: explanation)
        }
        guard case .query(let query)? = answer else {
            return ExerciseVerdict(outcome: .invalid, message: "the script asks no query")
        }
        let definitions = trees.map { tree in
            SyntaxTree(file: tree.file, statements: tree.statements.filter { if case .definition = $0 { return true } else { return false } })
        }.filter { !$0.statements.isEmpty }
        return check(exercise, query: query, in: file, definitions: definitions)
    }

    /// The files a graded script's `:load` names, if they are in its own
    /// folder (links resolved), or why not.
    private func loadedForGrading(_ path: String, from script: SourceFile) -> Result<[SourceFile], GradingRefusal> {
        let folder = AtomicFile.parentFolder(of: script.name)
        let target = Self.resolved(Self.unquoted(path), from: script)
        guard let root = Grader.realPath(folder), let real = Grader.realPath(target), Grader.isInside(real, root) else {
            return .failure(GradingRefusal("':load \(path)' reads outside the script's own folder, which a graded script may not do"))
        }
        do {
            return .success(try fileReader(target))
        } catch {
            return .failure(GradingRefusal(error.message))
        }
    }
}

/// Why a graded script's command was refused.
struct GradingRefusal: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
