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
            abstract: "Classroom exercises: list them, show one, check or grade answers.",
            subcommands: [List.self, Show.self, Check.self, Grade.self],
            defaultSubcommand: List.self
        )

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the exercises, with done/open from your progress.")
            @OptionGroup var knowledge: KnowledgeOptions
            @OptionGroup var output: OutputOptions

            func run() throws {
                guard let session = Launcher.session(settings: output.settings(bail: false), knowledge: knowledge) else { throw ExitCode(1) }
                session.progress = Launcher.progressStore()
                session.run(SourceFile(name: "<arg>", text: ":exercise\n"))
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show an exercise's task.")
            @Argument(help: "The exercise id.") var id: String
            @OptionGroup var knowledge: KnowledgeOptions

            func run() throws {
                guard let session = Launcher.session(settings: Settings(), knowledge: knowledge) else { throw ExitCode(1) }
                session.showExercise(id: id)
                session.finish()
                throw ExitCode(session.hadError ? 1 : 0)
            }
        }

        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Check a saved answer: exit 0 when correct, 1 otherwise.",
                discussion: "The script's last query is the answer; facts and rules in it are used with it."
            )
            @Argument(help: "The exercise id.") var id: String
            @Argument(help: ArgumentHelp("The script holding the answer ('-' for standard input).", valueName: "script")) var script: String
            @OptionGroup var knowledge: KnowledgeOptions

            func run() throws {
                guard let session = Launcher.session(settings: Settings(), knowledge: knowledge) else { throw ExitCode(1) }
                guard let exercise = session.exercises.first(where: { $0.id == id }) else {
                    Terminal.write("error: unknown exercise '\(id)'\n", to: .standardError)
                    throw ExitCode(2)
                }
                let file: SourceFile
                do { file = try ScriptInput.file(script).read() } catch {
                    Terminal.write("error: \(error.message)\n", to: .standardError)
                    throw ExitCode(1)
                }
                let verdict = session.checkSubmission(file, for: exercise)
                Terminal.write((verdict.isCorrect ? "✓ " : "✗ ") + verdict.message + "\n", to: .standardOutput)
                throw ExitCode(verdict.isCorrect ? 0 : 1)
            }
        }

        struct Grade: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Grade a folder of submissions: DIR/STUDENT/EXERCISE.rj; a CSV report on standard output.",
                discussion: "Columns: student, exercise, result (correct, incorrect, spelled out, invalid, unknown exercise), reason."
            )
            @Argument(help: ArgumentHelp("The folder of submissions.", valueName: "dir")) var folder: String
            @OptionGroup var knowledge: KnowledgeOptions

            func run() throws {
                guard let session = Launcher.session(settings: Settings(format: .csv), knowledge: knowledge) else { throw ExitCode(1) }
                do {
                    Terminal.write(AnswerRenderer(format: .csv).render(try session.grade(folder: folder)), to: .standardOutput)
                } catch {
                    Terminal.write("error: \(error.message)\n", to: .standardError)
                    throw ExitCode(1)
                }
            }
        }
    }
}
