import Foundation

/// A student's progress through the exercises: which are done, how many
/// tries and hints each took. Kept in `$XDG_STATE_HOME/rejoinder/progress.json`
/// (or `~/.local/state/rejoinder/progress.json`), rewritten atomically after
/// every change, so a crash leaves the old file or the new one.
public final class ProgressStore {
    public struct State: Codable, Equatable, Sendable {
        public var done: [String] = []
        public var attempts: [String: Int] = [:]
        public var hintsShown: [String: Int] = [:]

        public init() {}
    }

    public let path: String
    public private(set) var state = State()

    /// Loads the file if it exists; an unreadable file starts afresh.
    public init(path: String) {
        self.path = path
        if let data = FileManager.default.contents(atPath: path), let stored = try? JSONDecoder().decode(State.self, from: data) {
            state = stored
        }
    }

    public static func defaultPath(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/rejoinder/progress.json" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/rejoinder/progress.json"
    }

    public func isDone(_ id: String) -> Bool { state.done.contains(id) }

    public func update(_ change: (inout State) -> Void) throws(FileWriteError) {
        change(&state)
        state.done = Array(Set(state.done)).sorted()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = (try? encoder.encode(state)) ?? Data()
        try AtomicFile.createFolder(AtomicFile.parentFolder(of: path))
        try AtomicFile.write(Array(data) + [0x0A], to: path)
    }
}
