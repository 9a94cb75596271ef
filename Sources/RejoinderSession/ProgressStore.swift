import Foundation

/// A student's progress through the exercises: which are done, how many
/// tries and hints each took. Kept in `$XDG_STATE_HOME/rejoinder/progress.json`
/// (or `~/.local/state/rejoinder/progress.json`), rewritten atomically after
/// every change, so a crash leaves the old file or the new one.
///
/// Several prompts may share the file: each change is made under an
/// exclusive lock (`flock` on `progress.json.lock`) to the file as it is
/// on disk then, so no prompt's work is lost to another's. A file that does
/// not decode, or holds impossible counts, is set aside under a new name,
/// with a warning, and progress starts afresh.
public final class ProgressStore {
    public struct State: Codable, Equatable, Sendable {
        public var done: [String] = []
        public var attempts: [String: Int] = [:]
        public var hintsShown: [String: Int] = [:]

        public init() {}

        /// Counts a person could have reached.
        var isPlausible: Bool {
            (attempts.values.allSatisfy { $0 >= 0 } && hintsShown.values.allSatisfy { $0 >= 0 })
        }
    }

    public let path: String
    public private(set) var state = State()
    /// What became of a damaged file (set aside where), not yet told.
    private var warning: String?

    /// The warning about a damaged file, once.
    public func takeWarning() -> String? {
        defer { warning = nil }
        return warning
    }

    /// Loads the file if it exists.
    public init(path: String) {
        self.path = path
        if let stored = readStored() { state = stored }
    }

    public static func defaultPath(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/rejoinder/progress.json" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/rejoinder/progress.json"
    }

    public func isDone(_ id: String) -> Bool { state.done.contains(id) }

    /// Applies `change` to the progress as the file holds it now, under the
    /// lock, and writes the result.
    public func update(_ change: (inout State) -> Void) throws(FileWriteError) {
        try AtomicFile.createFolder(AtomicFile.parentFolder(of: path))
        let lock = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw FileWriteError(path: path + ".lock", errno: errno) }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { throw FileWriteError(path: path + ".lock", errno: errno) }
        }
        defer { flock(lock, LOCK_UN) }
        if let stored = readStored() { state = stored }
        change(&state)
        state.done = Array(Set(state.done)).sorted()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = (try? encoder.encode(state)) ?? Data()
        try AtomicFile.write(Array(data) + [0x0A], to: path)
    }

    /// The state the file holds, or nil when there is none; a damaged file
    /// is renamed `progress.json.damaged-DATE` and noted in `warning`.
    private func readStored() -> State? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        if let stored = try? JSONDecoder().decode(State.self, from: data), stored.isPlausible { return stored }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withYear, .withMonth, .withDay, .withTime]
        let aside = path + ".damaged-" + formatter.string(from: Date()).replacingOccurrences(of: ":", with: "")
        if rename(path, aside) == 0 {
            warning = "the progress file '\(path)' could not be read; it was set aside as '\(aside)' and progress starts afresh"
        } else {
            warning = "the progress file '\(path)' could not be read and is ignored"
        }
        return nil
    }
}
