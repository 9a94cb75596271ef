#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader, or a crash at any moment, only ever sees
/// the old file or the new one: the text goes to a temporary file in the
/// same folder, which is synced and then renamed over the target. Every
/// file Rejoinder writes goes through here.
public enum AtomicFile {
    public static func write(_ text: String, to path: String, permissions: mode_t = 0o644) throws(FileWriteError) {
        try write(Array(text.utf8), to: path, permissions: permissions)
    }

    public static func write(_ bytes: [UInt8], to path: String, permissions: mode_t = 0o644) throws(FileWriteError) {
        try checkWritable(path)
        let folder = parentFolder(of: path)
        let temporary = "\(folder)/.\(baseName(of: path)).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard descriptor >= 0 else { throw FileWriteError(path: path, errno: errno) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                let failure = FileWriteError(path: path, errno: errno)
                close(descriptor)
                unlink(temporary)
                throw failure
            }
            written += count
        }
        guard fsync(descriptor) == 0 else {
            let failure = FileWriteError(path: path, errno: errno)
            close(descriptor)
            unlink(temporary)
            throw failure
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let failure = FileWriteError(path: path, errno: errno)
            unlink(temporary)
            throw failure
        }
        // Make the rename itself durable.
        let folderDescriptor = open(folder, O_RDONLY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
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

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    init(path: String, errno code: Int32) {
        self.path = path
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
