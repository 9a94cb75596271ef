import Foundation
import RejoinderEngine
import RejoinderKnowledge
import RejoinderSession
import RejoinderSyntax

/// Builds sessions the way the command line needs them: output to the
/// standard streams, files from the file system, knowledge loaded.
enum Launcher {
    static func newSession(settings: Settings) -> Session {
        let output = SessionOutput(
            answer: { text in Terminal.write(text, to: .standardOutput) },
            error: { text in Terminal.write(text, to: .standardError) }
        )
        return Session(knowledgeBase: KnowledgeBase(control: Interrupts.control), settings: settings, output: output,
                       fileReader: { path throws(FileReadError) in try FileSystem.knowledgeFiles(at: path) })
    }

    /// A session with the default knowledge base (unless turned off) and
    /// the `--kb` paths loaded, or nil after reporting why loading failed.
    static func session(settings: Settings, knowledge: KnowledgeOptions) -> Session? {
        session(settings: settings, knowledge: KnowledgeSetup(knowledge, defaults: EvaluationLimits(), threads: KnowledgeBase.processorCount))
    }

    static func session(settings: Settings, knowledge: KnowledgeSetup, recordsProgress: Bool = true) -> Session? {
        let session = newSession(settings: settings)
        session.knowledgeBase.limits = knowledge.limits
        session.knowledgeBase.threads = knowledge.threads
        var files: [SourceFile] = []
        do {
            if knowledge.loadsDefault { files += try defaultKnowledge() }
            for path in knowledge.paths { files += try FileSystem.knowledgeFiles(at: path) }
        } catch {
            session.output.error("error: \(error.message)\n")
            return nil
        }
        guard session.loadKnowledge(files) else { return nil }
        if recordsProgress { session.progress = progressStore() }
        return session
    }

    /// The student's progress file, where the environment says.
    static func progressStore() -> ProgressStore? {
        guard let path = ProgressStore.defaultPath(environment: ProcessInfo.processInfo.environment) else { return nil }
        let store = ProgressStore(path: path)
        if let warning = store.takeWarning() { Terminal.write("warning: \(warning)\n", to: .standardError) }
        return store
    }

    /// `REJOINDER_KB` when set, otherwise the files embedded at build time.
    static func defaultKnowledge() throws(FileReadError) -> [SourceFile] {
        if let path = ProcessInfo.processInfo.environment["REJOINDER_KB"], !path.isEmpty {
            return try FileSystem.knowledgeFiles(at: path)
        }
        return DefaultKnowledge.files.map { SourceFile(name: "Knowledge/" + $0.path, text: $0.text) }
    }
}

/// What to load, under which limits and on how many threads, as the
/// command line said; a value that worker threads can share to make
/// sessions of their own.
struct KnowledgeSetup: Sendable {
    var paths: [String]
    var loadsDefault: Bool
    var limits: EvaluationLimits
    var threads: Int

    /// `defaults` and `threads` where the options give none.
    init(_ options: KnowledgeOptions, defaults: EvaluationLimits, threads: Int) {
        paths = options.knowledgePaths
        loadsDefault = !options.noDefaultKnowledge
        limits = options.limits(defaults: defaults)
        self.threads = options.threads ?? threads
    }
}

/// Something a script is read from.
enum ScriptInput {
    case file(String)
    case argument(String)

    /// `-e` text with its final '.' added when only that is missing, as
    /// `psql -c` and `swipl -g` take theirs without one. (After a comment,
    /// on a line of its own, so that the comment cannot swallow it.)
    static func completed(_ text: String) -> String {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        guard !trimmed.hasPrefix(":") || trimmed.hasPrefix(":-"),
              Parser.parse(SourceFile(name: "<arg>", text: text)).openConstruct == .statement else { return text }
        return text + (text.contains("#") ? "\n." : ".")
    }

    func read() throws(FileReadError) -> SourceFile {
        switch self {
        case .argument(let text):
            return SourceFile(name: "<arg>", text: Self.completed(text))
        case .file("-"):
            return SourceFile(name: "<stdin>", bytes: Array(FileHandle.standardInput.readDataToEndOfFile()))
        case .file(let path):
            return try FileSystem.readFile(path)
        }
    }
}
