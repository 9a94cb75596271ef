#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The prompt's persistent history: one entry per statement, a multi-line
/// statement being one entry. Each accepted entry is appended at once, so a
/// crash loses at most the entry being written and never truncates the
/// file; when the file holds more than twice `capacity` entries it is
/// rewritten (atomically) to the last `capacity`.
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
        guard let bytes = Self.read(path) else { return [] }
        var entries = String(decoding: bytes, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: true)
            .map { Self.decode(String($0)) }
        let stored = entries.count
        if stored > capacity {
            entries.removeFirst(stored - capacity)
            if stored > 2 * capacity {
                try? AtomicFile.write(entries.map(Self.encode).joined(separator: "\n") + "\n", to: path)
            }
        }
        lastEntry = entries.last
        return entries
    }

    /// Appends an entry, unless it repeats the one before.
    public func append(_ entry: String) throws(FileWriteError) {
        let trimmed = entry.trimmingTrailingNewlines()
        guard !trimmed.isEmpty, trimmed != lastEntry else { return }
        try AtomicFile.createFolder(AtomicFile.parentFolder(of: path))
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FileWriteError(path: path, errno: errno) }
        defer { close(descriptor) }
        let line = Array((Self.encode(trimmed) + "\n").utf8)
        let written = line.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress!, $0.count) }
        guard written == line.count else { throw FileWriteError(path: path, errno: errno) }
        fsync(descriptor)
        lastEntry = trimmed
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
