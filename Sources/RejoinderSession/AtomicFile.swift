#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader, or a crash at any moment, only ever sees
/// the old file or the new one: the text goes to a temporary file in the
/// same folder, which is synced and then renamed over the target. Every
/// file Rejoinder writes goes through here.
///
/// Only a regular file is replaced that way. A symbolic link is followed and
/// its target replaced, so the link stays; a device, FIFO or socket is
/// written in place, never replaced by a regular file (a FIFO with no reader
/// is given a few seconds, then refused); the new file keeps the old one's
/// permissions; a read-only file is refused unless `replacingReadOnly`.
/// Temporary files that a killed write left behind are removed the next
/// time the same file is written.
public enum AtomicFile {
    /// How long a write waits for a FIFO to get a reader.
    static let fifoWait: Duration = .seconds(5)

    public static func write(_ text: String, to path: String, permissions: mode_t = 0o644, replacingReadOnly: Bool = false) throws(FileWriteError) {
        let writer = try Writer(path: path, permissions: permissions, replacingReadOnly: replacingReadOnly)
        writer.write(text)
        try writer.commit()
    }

    public static func write(_ bytes: [UInt8], to path: String, permissions: mode_t = 0o644, replacingReadOnly: Bool = false) throws(FileWriteError) {
        let writer = try Writer(path: path, permissions: permissions, replacingReadOnly: replacingReadOnly)
        writer.write(bytes)
        try writer.commit()
    }

    /// A write in progress, for text that comes in pieces (a long answer
    /// sent to `:output FILE`): the pieces go straight to the temporary
    /// file (or the device), so the whole text is never held in memory.
    /// Nothing replaces the target until `commit`; a writer dropped without
    /// it removes its temporary file and leaves the target as it was.
    public final class Writer {
        /// The path as the user gave it, for messages.
        private let path: String
        private let target: String
        private var descriptor: Int32
        /// nil when writing a device or FIFO in place.
        private let temporary: String?
        /// The first failure of a write, reported by `commit`.
        private var failure: Int32?

        public init(path: String, permissions: mode_t = 0o644, replacingReadOnly: Bool = false) throws(FileWriteError) {
            self.path = path
            target = try followingLinks(path)
            var mode = permissions
            var status = stat()
            if stat(target, &status) == 0 {
                switch status.st_mode & S_IFMT {
                case S_IFREG:
                    if status.st_mode & 0o222 == 0 && !replacingReadOnly { throw FileWriteError.readOnly(path) }
                    mode = status.st_mode & 0o7777
                case S_IFDIR:
                    throw FileWriteError(path: path, reason: "it is a folder")
                default:
                    descriptor = try openInPlace(target, isFIFO: status.st_mode & S_IFMT == S_IFIFO, reportedAs: path)
                    temporary = nil
                    return
                }
            }
            try checkWritable(target)
            removeAbandonedTemporaries(of: target)
            let temporary = "\(parentFolder(of: target))/\(temporaryPrefix(of: target))\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw FileWriteError(path: path, errno: errno) }
            self.temporary = temporary
            // The mode exactly as asked or as the old file had it, whatever the umask.
            if fchmod(descriptor, mode) != 0 { failure = errno }
        }

        deinit {
            guard descriptor >= 0 else { return }
            close(descriptor)
            if let temporary { unlink(temporary) }
        }

        public func write(_ text: String) {
            var text = text
            text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
        }

        public func write(_ bytes: [UInt8]) {
            bytes.withUnsafeBytes { write($0) }
        }

        /// Writes every byte, retrying after signals; after a failure,
        /// nothing more is written and `commit` reports it.
        private func write(_ bytes: UnsafeRawBufferPointer) {
            var written = 0
            while failure == nil && written < bytes.count {
                let count = Glibc.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if count < 0 {
                    if errno != EINTR { failure = errno }
                    continue
                }
                written += count
            }
        }

        /// Makes the text the file's: syncs it and renames it over the
        /// target, or throws the first failure and leaves the target alone.
        public func commit() throws(FileWriteError) {
            let descriptor = self.descriptor
            self.descriptor = -1
            guard let temporary else {
                close(descriptor)
                if let failure { throw FileWriteError(path: path, errno: failure) }
                return
            }
            func fail(_ code: Int32) -> FileWriteError {
                unlink(temporary)
                return FileWriteError(path: path, errno: code)
            }
            if failure == nil && fsync(descriptor) != 0 { failure = errno }
            close(descriptor)
            if let failure { throw fail(failure) }
            guard rename(temporary, target) == 0 else { throw fail(errno) }
            // Make the rename itself durable.
            let folderDescriptor = open(parentFolder(of: target), O_RDONLY | O_CLOEXEC)
            if folderDescriptor >= 0 {
                fsync(folderDescriptor)
                close(folderDescriptor)
            }
        }
    }

    /// The path a chain of symbolic links ends at (the path itself when it
    /// is none); the end need not exist yet.
    static func followingLinks(_ path: String) throws(FileWriteError) -> String {
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, Int(PATH_MAX))
            guard count > 0 else { throw FileWriteError(path: path, errno: errno) }
            let destination = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/") ? destination : parentFolder(of: current) + "/" + destination
        }
        throw FileWriteError(path: path, reason: "too many levels of symbolic links")
    }

    /// Opens a device, FIFO or socket to be written where it is, as `>` in
    /// a shell does.
    private static func openInPlace(_ target: String, isFIFO: Bool, reportedAs path: String) throws(FileWriteError) -> Int32 {
        var descriptor: Int32
        if isFIFO {
            // Opening a FIFO for writing blocks until a reader comes; poll
            // instead, for a while.
            let deadline = ContinuousClock.now + fifoWait
            while true {
                descriptor = open(target, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
                if descriptor >= 0 || errno != ENXIO { break }
                guard ContinuousClock.now < deadline else {
                    throw FileWriteError(path: path, reason: "it is a FIFO and nothing has been reading it for \(fifoWait.components.seconds) seconds")
                }
                usleep(20_000)
            }
            if descriptor >= 0 { _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK) }
        } else {
            descriptor = open(target, O_WRONLY | O_CLOEXEC)
        }
        guard descriptor >= 0 else { throw FileWriteError(path: path, errno: errno) }
        return descriptor
    }

    /// `.NAME.` — temporary files of NAME are `.NAME.PID.RANDOM.tmp`.
    private static func temporaryPrefix(of target: String) -> String { ".\(baseName(of: target))." }

    /// Removes the temporary files of `target` whose writing process is gone.
    private static func removeAbandonedTemporaries(of target: String) {
        let folder = parentFolder(of: target)
        let prefix = temporaryPrefix(of: target)
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasPrefix(prefix), name.hasSuffix(".tmp") else { continue }
            let fields = name.dropFirst(prefix.count).dropLast(4).split(separator: ".")
            guard fields.count == 2, let pid = Int32(fields[0]), UInt32(fields[1]) != nil, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + name) }
        }
    }

    /// Throws the error a write to `path` would meet for the path itself
    /// (no such folder, a folder in the way, no permission), so that a
    /// command can refuse a bad path before it collects anything to write.
    public static func checkWritable(_ path: String) throws(FileWriteError) {
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw FileWriteError(path: path, reason: "it is a folder")
        }
        let folder = parentFolder(of: path)
        guard stat(folder, &status) == 0 else { throw FileWriteError(path: path, errno: errno) }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw FileWriteError(path: path, reason: "'\(folder)' is a file, not a folder") }
        guard access(folder, W_OK) == 0 else { throw FileWriteError(path: path, errno: errno) }
    }

    /// Creates a folder and its parents, as `mkdir -p`.
    public static func createFolder(_ path: String) throws(FileWriteError) {
        var partial = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, 0o755) != 0 && errno != EEXIST {
                throw FileWriteError(path: partial, errno: errno)
            }
        }
    }

    static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}

/// A file that could not be written, with why.
public struct FileWriteError: Error, Sendable {
    public let path: String
    public let reason: String
    /// The file is there but read-only: asking to replace it would work.
    public let isReadOnly: Bool

    public init(path: String, reason: String, isReadOnly: Bool = false) {
        self.path = path
        self.reason = reason
        self.isReadOnly = isReadOnly
    }

    /// A read-only file, which is replaced only when asked.
    static func readOnly(_ path: String) -> FileWriteError {
        FileWriteError(path: path, reason: "it is read-only", isReadOnly: true)
    }

    init(path: String, errno code: Int32) {
        self.path = path
        isReadOnly = false
        switch code {
        case ENOENT: reason = "no such folder"
        case ENOTDIR: reason = "a part of the path is a file, not a folder"
        case EACCES, EPERM: reason = "permission denied"
        case EISDIR: reason = "it is a folder"
        case ENOSPC: reason = "no space left on the device"
        default: reason = String(cString: strerror(code))
        }
    }

    public var message: String { "cannot write '\(path)': \(reason)" }
}
