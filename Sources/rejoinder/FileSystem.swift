import Foundation
import RejoinderSession
import RejoinderSyntax

/// Reading knowledge files and folders.
enum FileSystem {
    /// A file, or every `.rj` file under a folder in path order.
    static func knowledgeFiles(at path: String) throws(FileReadError) -> [SourceFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FileReadError(path: path, reason: "no such file or folder")
        }
        guard isDirectory.boolValue else { return [try readFile(path)] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw FileReadError(path: path, reason: "the folder cannot be read")
        }
        var relativePaths: [String] = []
        for case let relative as String in enumerator where relative.hasSuffix(".rj") {
            relativePaths.append(relative)
        }
        var files: [SourceFile] = []
        for relative in relativePaths.sorted() {
            let full = path.hasSuffix("/") ? path + relative : path + "/" + relative
            files.append(try readFile(full))
        }
        return files
    }

    static func readFile(_ path: String) throws(FileReadError) -> SourceFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FileReadError(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw FileReadError(path: path, reason: "it is a folder") }
        guard let bytes = readBytes(path) else {
            throw FileReadError(path: path, reason: "permission denied or unreadable")
        }
        return SourceFile(name: path, bytes: bytes)
    }

    /// The file's bytes, read straight into one array (no intermediate
    /// copy, which would double the memory a large file takes to load).
    private static func readBytes(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        // One byte more than the size, to see the end without growing.
        var bytes = [UInt8](repeating: 0, count: max(0, Int(status.st_size)) + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: max(4096, bytes.count / 2))) }
            let count = bytes.withUnsafeMutableBytes { buffer in read(descriptor, buffer.baseAddress! + filled, buffer.count - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }
}
