import ArgumentParser
import Foundation
import RejoinderEngine
import RejoinderRendering
import RejoinderSession
import RejoinderSyntax

extension RejoinderCommand {
    /// `rejoinder exercise list|show|check|grade`
    struct ExerciseCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "exercise",
            abstract: "Classroom exercises: list them, show one, give hints, check or grade answers.",
            subcommands: [List.self, Show.self, Hint.self, Check.self, Grade.self],
            defaultSubcommand: List.self
        )

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the exercises, with done/open from your progress.")
            @OptionGroup var knowledge: KnowledgeOptions
            @OptionGroup var output: OutputOptions

            func run() throws {
                guard let session = Launcher.session(settings: output.settings(bail: false), knowledge: knowledge) else { throw ExitCode(1) }
                session.progress = Launcher.progressStore()
                session.run(SourceFile(name: "<arg>", text: ":exercise\n"))
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an exercise's task.")
            @Argument(help: "The exercise id.") var id: String
            @OptionGroup var knowledge: KnowledgeOptions

            func run() throws {
                guard let session = Launcher.session(settings: Settings(), knowledge: knowledge) else { throw ExitCode(1) }
                session.showExercise(id: id)
                session.finish()
                throw ExitCode(session.hadError ? 1 : 0)
            }
        }

        struct Hint: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "hint", abstract: "Show a hint for an exercise: the next one you have not seen, or hint N.")
            @Argument(help: "The exercise id.") var id: String
            @Argument(help: "Which hint (from 1).") var number: Int?
            @OptionGroup var knowledge: KnowledgeOptions

            func run() throws {
                guard let session = Launcher.session(settings: Settings(), knowledge: knowledge) else { throw ExitCode(1) }
                guard let exercise = session.exercise(id: id, at: Session.argumentSpan(id)) else { throw ExitCode(2) }
                session.showHint(of: exercise, number: number)
            }
        }

        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "check",
                abstract: "Check a saved answer: exit 0 when correct, 1 otherwise.",
                discussion: "The script's last query is the answer; facts and rules in it are used with it. The try counts in your progress, as at the prompt."
            )
            @Argument(help: "The exercise id.") var id: String
            @Argument(help: ArgumentHelp("The script holding the answer ('-' for standard input).", valueName: "script")) var script: String
            @OptionGroup var knowledge: KnowledgeOptions

            func run() throws {
                guard let session = Launcher.session(settings: Settings(), knowledge: knowledge) else { throw ExitCode(1) }
                guard let exercise = session.exercise(id: id, at: Session.argumentSpan(id)) else { throw ExitCode(2) }
                let file: SourceFile
                do { file = try ScriptInput.file(script).read() } catch {
                    Terminal.write("error: \(error.message)\n", to: .standardError)
                    throw ExitCode(1)
                }
                let verdict = session.checkSubmission(file, for: exercise)
                session.recordAttempt(at: exercise, correct: verdict.isCorrect)
                let next = verdict.isCorrect ? "" : "\n  'rejoinder exercise hint \(exercise.id)' gives a hint."
                Terminal.write((verdict.isCorrect ? "✓ " : "✗ ") + verdict.message + next + "\n", to: .standardOutput)
                throw ExitCode(verdict.isCorrect ? 0 : 1)
            }
        }

        struct Grade: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "grade",
                abstract: "Grade a folder of submissions (DIR/STUDENT/…/EXERCISE.rj, or one student's DIR/EXERCISE.rj).",
                discussion: """
                    A row per file, per exercise a student did not hand in, and per stray file, on standard output; a summary on standard error. \
                    Formats: csv (student, exercise, file, result, points, max_points, reason), json (the same rows), markdown (a report per student), \
                    gradescope (Gradescope's results.json, for one student's folder), gradebook (a row per student, a column per exercise, and the total). \
                    Submissions are checked in parallel, each with its own limits (by default 10 s, 1000000 derived facts and 512 MB).
                    """
            )
            @Argument(help: ArgumentHelp("The folder of submissions.", valueName: "dir")) var folder: String
            @Option(help: "csv, json, markdown, gradescope or gradebook.") var format: GradeReport.Format = .csv
            @Option(help: ArgumentHelp("The exercises every student should hand in, comma-separated (default: those anyone handed in).", valueName: "ids"))
            var exercises: String?
            @Option(help: "Submissions checked at once (default: the number of cores).") var workers: Int?
            @OptionGroup var knowledge: KnowledgeOptions

            /// Limits on each submission unless the command line gives others:
            /// one script that loops must not hold up a class.
            static let limits = EvaluationLimits(maximumDerivedFacts: 1_000_000, timeLimit: 10, maximumDerivedMegabytes: 512)

            func run() throws {
                // The workers already take every core: each check runs on one.
                let setup = KnowledgeSetup(knowledge, defaults: Self.limits, threads: 1)
                let grader = Grader(workers: workers ?? ProcessInfo.processInfo.activeProcessorCount,
                                    expected: exercises.map { $0.split(separator: ",").map { String($0.trimmingCharacters(in: .whitespaces)) } }) {
                    Launcher.session(settings: Settings(format: .csv), knowledge: setup, recordsProgress: false)
                }
                do {
                    let report = try grader.grade(folder: folder)
                    Terminal.write(try report.render(format), to: .standardOutput)
                    Terminal.write(report.summary + "\n", to: .standardError)
                } catch let error as FileReadError {
                    Terminal.write("error: \(error.message)\n", to: .standardError)
                    throw ExitCode(1)
                } catch let error as GradeReport.FormatError {
                    Terminal.write("error: \(error.message)\n", to: .standardError)
                    throw ExitCode(1)
                }
            }
        }
    }
}

extension GradeReport.Format: ExpressibleByArgument {}
