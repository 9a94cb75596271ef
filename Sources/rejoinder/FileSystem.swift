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
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileReadError(path: path, reason: "permission denied or unreadable")
        }
        return SourceFile(name: path, bytes: Array(data))
    }
}
