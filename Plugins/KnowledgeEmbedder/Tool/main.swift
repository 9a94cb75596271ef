import Foundation

// Writes a Swift file holding the given knowledge files as string literals:
//   KnowledgeEmbedder KNOWLEDGE_DIR OUTPUT FILE...
// Paths in the output are relative to KNOWLEDGE_DIR and sorted, so the
// default knowledge base loads in the same order everywhere.

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: KnowledgeEmbedder KNOWLEDGE_DIR OUTPUT FILE...\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL.path
let output = URL(fileURLWithPath: arguments[2])
let files = arguments.dropFirst(3).map { URL(fileURLWithPath: $0).standardizedFileURL.path }.sorted()

/// A raw string literal that holds `text` unchanged: enough `#` that no
/// `"` followed by them occurs in the text.
func rawLiteral(_ text: String) -> String {
    var hashes = 1
    while text.contains("\"" + String(repeating: "#", count: hashes)) || text.contains("\\" + String(repeating: "#", count: hashes)) {
        hashes += 1
    }
    let delimiter = String(repeating: "#", count: hashes)
    return "\(delimiter)\"\"\"\n\(text)\n\"\"\"\(delimiter)"
}

var source = """
// Generated at build time by the EmbedKnowledge plugin from Knowledge/.
// Do not edit; edit the .rj files.

/// The shipped knowledge base: each file's path under Knowledge/ and its text.
enum EmbeddedKnowledge {
    static let files: [(path: String, text: String)] = [

"""
for path in files {
    guard let data = FileManager.default.contents(atPath: path) else { continue }
    let relative = path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    let text = String(decoding: data, as: UTF8.self)
    let quotedPath = "\"" + relative.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    source += "        (\(quotedPath), \(rawLiteral(text))),\n"
}
source += """
    ]
}

"""
do {
    try Data(source.utf8).write(to: output, options: .atomic)
} catch {
    FileHandle.standardError.write(Data("KnowledgeEmbedder: cannot write \(output.path): \(error)\n".utf8))
    exit(1)
}
