#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The prompt's persistent history: one entry per statement, a multi-line
/// statement being one entry, the last `capacity` kept. Each accepted entry
/// is saved at once by rewriting the file through `AtomicFile` (a few tens
/// of kilobytes at most), so a crash at any moment leaves the history as
/// it was before the entry or after it, never torn. The file is read again
/// before each save, so two prompts open at once keep each other's entries
/// (short of saving at the very same instant).
public final class HistoryFile {
    public let path: String
    public let capacity: Int
    private var lastEntry: String?

    public init(path: String, capacity: Int = 1000) {
        self.path = path
        self.capacity = capacity
    }

    /// `$XDG_STATE_HOME/rejoinder/history` when XDG_STATE_HOME is set,
    /// otherwise `~/.rejoinder_history`.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            return state + "/rejoinder/history"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.rejoinder_history"
    }

    /// The entries in the file, oldest first (the last `capacity` of them).
    public func load() -> [String] {
        let entries = storedEntries()
        lastEntry = entries.last
        return entries
    }

    /// Saves an entry, unless it repeats the one before.
    public func append(_ entry: String) throws(FileWriteError) {
        let trimmed = entry.trimmingTrailingNewlines()
        guard !trimmed.isEmpty, trimmed != lastEntry else { return }
        try AtomicFile.createFolder(AtomicFile.parentFolder(of: path))
        let entries = Array((storedEntries() + [trimmed]).suffix(capacity))
        try AtomicFile.write(entries.map(Self.encode).joined(separator: "\n") + "\n", to: path, permissions: 0o600)
        lastEntry = trimmed
    }

    private func storedEntries() -> [String] {
        guard let bytes = Self.read(path) else { return [] }
        let entries = String(decoding: bytes, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: true)
            .map { Self.decode(String($0)) }
        return Array(entries.suffix(capacity))
    }

    /// One entry per line: backslashes and line breaks escaped.
    static func encode(_ entry: String) -> String {
        var result = ""
        for character in entry {
            switch character {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }

    static func decode(_ line: String) -> String {
        var result = ""
        var escaping = false
        for character in line {
            if escaping {
                result.append(character == "n" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    private static func read(_ path: String) -> [UInt8]? {
        // Only a regular file holds a history: a FIFO would block the
        // prompt's start, a device (/dev/zero) never end.
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while let last = text.last, last == "\n" || last == "\r" { text.removeLast() }
        return text
    }
}
