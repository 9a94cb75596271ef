import Foundation
import RejoinderSession
import RejoinderSyntax

/// Reading knowledge files and folders.
enum FileSystem {
    /// A file, or every `.rj` file under a folder in path order. A folder
    /// without any is an error: it is surely not the folder meant.
    static func knowledgeFiles(at path: String) throws(FileReadError) -> [SourceFile] {
        guard try isFolder(path) else { return [try readFile(path, regularOnly: true)] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw FileReadError(path: path, reason: "the folder cannot be read")
        }
        var relativePaths: [String] = []
        for case let relative as String in enumerator where relative.hasSuffix(".rj") {
            relativePaths.append(relative)
        }
        guard !relativePaths.isEmpty else { throw FileReadError(path: path, reason: "the folder holds no knowledge files (*.rj)") }
        var files: [SourceFile] = []
        for relative in relativePaths.sorted() {
            let full = path.hasSuffix("/") ? path + relative : path + "/" + relative
            files.append(try readFile(full, regularOnly: true))
        }
        return files
    }

    /// A file's text. Knowledge must be a regular file (`regularOnly`); a
    /// script may also come through a pipe (`run <(…)`). A device never: it
    /// would never end (`/dev/zero`) or never begin.
    static func readFile(_ path: String, regularOnly: Bool = false) throws(FileReadError) -> SourceFile {
        var status = stat()
        guard stat(path, &status) == 0 else { throw FileReadError(path: path, errno: errno) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw FileReadError(path: path, reason: "it is a folder")
        case S_IFIFO where !regularOnly, S_IFSOCK where !regularOnly: break
        case S_IFIFO: throw FileReadError(path: path, reason: "it is a FIFO, not a regular file")
        default: throw FileReadError(path: path, reason: "it is a device, not a regular file")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileReadError(path: path, errno: errno) }
        defer { close(descriptor) }
        guard let bytes = readBytes(descriptor) else { throw FileReadError(path: path, errno: errno) }
        return SourceFile(name: path, bytes: bytes)
    }

    /// Whether `path` names a folder; an error when it names nothing.
    private static func isFolder(_ path: String) throws(FileReadError) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { throw FileReadError(path: path, errno: errno) }
        return status.st_mode & S_IFMT == S_IFDIR
    }

    /// The file's bytes, read straight into one array (no intermediate
    /// copy, which would double the memory a large file takes to load).
    private static func readBytes(_ descriptor: Int32) -> [UInt8]? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        var bytes: [UInt8] = []
        // One byte more than the size, to see the end in one chunk; more
        // chunks only if the file grows while it is read.
        var chunkSize = max(0, Int(status.st_size)) + 1
        while true {
            var failed = false
            // Uninitialised: zeroing the memory first would cost about as
            // much as reading the file.
            let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, filled in
                filled = 0
                while filled < buffer.count {
                    let count = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                    if count < 0 && errno == EINTR { continue }
                    if count < 0 { failed = true }
                    if count <= 0 { break }
                    filled += count
                }
            }
            if failed { return nil }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if chunk.count < chunkSize { return bytes }
            chunkSize = max(4096, bytes.count / 2)
        }
    }
}

extension FileReadError {
    init(path: String, errno code: Int32) {
        switch code {
        case ENOENT: self.init(path: path, reason: "no such file or folder")
        case ENOTDIR: self.init(path: path, reason: "a part of the path before the last is a file, not a folder")
        case EACCES, EPERM: self.init(path: path, reason: "permission denied")
        case EISDIR: self.init(path: path, reason: "it is a folder")
        default: self.init(path: path, reason: String(cString: strerror(code)))
        }
    }
}
