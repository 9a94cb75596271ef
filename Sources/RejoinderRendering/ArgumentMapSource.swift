import RejoinderEngine
import RejoinderSyntax

/// An argument map written back as a Rejoinder knowledge file: the
/// sources, each claim with its label, `by` and `para`, each source's
/// evidence and edges in its `according to` block, the common ground's at
/// the top. Loaded on its own, it gives the same map again.
public enum ArgumentMapSource {
    /// `origin` names where the map came from, for the header comment.
    public static func render(_ map: ArgumentMap, origin: String) -> String {
        var output = "# Claims, evidence and their relations imported from \(origin.replacingNewlines)\n"
        if let view = map.view { output += "# (the argument map according to \(view.replacingNewlines))\n" }
        output += "# by `rejoinder import aif`.\n\n"
        for source in map.sources {
            output += "source \(name(source.name))" + (source.label.map { " " + string($0) } ?? "") + ".\n"
        }
        if !map.sources.isEmpty { output += "\n" }
        // The words first, so that the file means the same loaded alone.
        let vocabulary = Vocabulary.Role.allCases.flatMap { role in map.vocabulary.names(role).map { "vocabulary(\(role.rawValue), \(name($0)))." } }
        if !vocabulary.isEmpty { output += vocabulary.joined(separator: "\n") + "\n\n" }
        let stated = Set(map.sources.map(\.name))
        let author = map.vocabulary.name(.author), citation = map.vocabulary.name(.citation)
        // A node declared in a source's view goes in that view's block; one
        // of the common ground says its author with the author attribute.
        func view(of node: ArgumentMap.Node) -> String? { node.declaredIn.flatMap { stated.contains($0) ? $0 : nil } }
        func block(_ owner: String?, indent: String) -> String {
            var lines: [String] = []
            for node in map.nodes where view(of: node) == owner {
                var attributes: [String] = []
                if let source = node.source, owner == nil, let author { attributes.append("\(author): \(name(source))") }
                let paragraphs = node.paragraphs.map(paragraph)
                if let citation, paragraphs.count == 1 { attributes.append("\(citation): \(paragraphs[0])") }
                if let citation, paragraphs.count > 1 { attributes.append("\(citation): [\(paragraphs.joined(separator: ", "))]") }
                lines.append(indent + "\(node.kind) \(node.id)" + (node.label.map { " " + string($0) } ?? "")
                             + (attributes.isEmpty ? "" : " { \(attributes.joined(separator: ", ")) }") + ".")
            }
            for edge in map.edges where edge.source == owner {
                lines.append(indent + "\(edge.relation)(\(name(edge.from)), \(name(edge.to))).")
            }
            return lines.joined(separator: "\n")
        }
        let common = block(nil, indent: "")
        if !common.isEmpty { output += common + "\n" }
        for source in map.sources {
            let inside = block(source.name, indent: "  ")
            guard !inside.isEmpty else { continue }
            output += "\naccording to \(name(source.name)) {\n" + inside + "\n}\n"
        }
        return output
    }

    /// A value as a bare name when it can be one, otherwise as a string
    /// (the two denote the same value).
    static func name(_ text: String) -> String {
        Lexer.isPlainName(text) ? text : string(text)
    }

    /// A paragraph number as a number, anything else as a string.
    static func paragraph(_ text: String) -> String {
        !text.isEmpty && text.count < 19 && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber) && (text == "0" || !text.hasPrefix("0")) ? text : string(text)
    }

    /// A string literal of the language, with its escapes.
    static func string(_ text: String) -> String {
        StringLiteral.quote(text)
    }
}

private extension String {
    /// One line, for a comment.
    var replacingNewlines: String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
