import RejoinderEngine
import RejoinderSyntax

/// The argument map in the Argument Interchange Format, as the JSON that
/// AIFdb serves and OVA reads and writes: claims and evidence are
/// information (I) nodes; each `supports` edge is an inference (RA) node
/// from premise to conclusion, each `rebuts` edge a conflict (CA) node from
/// attacker to target, each `prefers` edge a preference (PA) node from the
/// preferred to the other; `locutions` and `participants` say which source
/// states each node. What AIF has no field for (ids, kinds, sources, ¶
/// citations, statuses) rides in a `rejoinder` member of each node, which
/// AIF tools ignore, so that `read` gives back the same map.
public enum ArgumentMapAIF {
    /// The scheme node type and the text AIFdb gives a node of it that
    /// names no particular scheme, by relation.
    static let schemes: [(role: Vocabulary.Role, type: String, text: String)] = [
        (.support, "RA", "Default Inference"), (.attack, "CA", "Default Conflict"), (.preference, "PA", "Default Preference"),
    ]

    /// The words an AIF file without Rejoinder's own member is read with:
    /// the shipped base's.
    static var defaultVocabulary: Vocabulary {
        var vocabulary = Vocabulary()
        for (role, name) in [(Vocabulary.Role.argument, "claim"), (.argument, "evidence"), (.attack, "rebuts"), (.support, "supports"),
                             (.preference, "prefers"), (.author, "by"), (.citation, "para")] {
            vocabulary.declare(role, name)
        }
        return vocabulary
    }

    public static func render(_ map: ArgumentMap) -> String {
        let string = JSONRenderer.string
        func optional(_ text: String?) -> String { text.map(string) ?? "null" }
        var nodes: [String] = []
        var locutions: [String] = []
        var taken = Set(map.nodes.map(\.id))
        for node in map.nodes {
            var extra = ["\"id\":\(string(node.id))", "\"kind\":\(string(node.kind))", "\"by\":\(optional(node.source))",
                         "\"para\":[" + node.paragraphs.map(string).joined(separator: ",") + "]"]
            if node.label == nil { extra.append("\"label\":null") }
            if let view = node.declaredIn { extra.append("\"view\":\(string(view))") }
            if let status = node.status { extra.append("\"status\":\(string(status))") }
            nodes.append("{\"nodeID\":\(string(node.id)),\"text\":\(string(node.label ?? node.id)),\"type\":\"I\",\"rejoinder\":{\(extra.joined(separator: ","))}}")
            if let source = node.source { locutions.append("{\"nodeID\":\(string(node.id)),\"personID\":\(string(source))}") }
        }
        // The other ends of rebuttals (another side's evidence) are
        // arguments of this view without being declared in it.
        for edge in map.edges {
            for end in [edge.from, edge.to] where taken.insert(end).inserted {
                nodes.append("{\"nodeID\":\(string(end)),\"text\":\(string(end)),\"type\":\"I\",\"rejoinder\":{\"id\":\(string(end)),\"kind\":null}}")
            }
        }
        var edges: [String] = []
        var counters: [String: Int] = [:]
        for edge in map.edges {
            guard let scheme = schemes.first(where: { $0.role == edge.role }) else { continue }
            // Scheme nodes are numbered by type, RA1, CA1, …; upper case
            // keeps them apart from Rejoinder's lower-case ids.
            var id: String
            repeat {
                counters[scheme.type, default: 0] += 1
                id = "\(scheme.type)\(counters[scheme.type]!)"
            } while !taken.insert(id).inserted
            nodes.append("{\"nodeID\":\(string(id)),\"text\":\(string(scheme.text)),\"type\":\(string(scheme.type)),"
                         + "\"rejoinder\":{\"relation\":\(string(edge.relation)),\"by\":\(optional(edge.source))}}")
            for (from, to) in [(edge.from, id), (id, edge.to)] {
                edges.append("{\"edgeID\":\(edges.count + 1),\"fromID\":\(string(from)),\"toID\":\(string(to))}")
            }
        }
        let participants = map.sources.map { source in
            "{\"participantID\":\(string(source.name)),\"firstname\":\(string(source.label ?? source.name)),\"surname\":\"\","
                + "\"rejoinder\":{\"source\":\(string(source.name))" + (source.label == nil ? ",\"label\":null" : "") + "}}"
        }
        func list(_ items: [String]) -> String { items.isEmpty ? "[]" : "[\n    " + items.joined(separator: ",\n    ") + "\n  ]" }
        return "{\n  \"nodes\": \(list(nodes)),\n  \"edges\": \(list(edges)),\n  \"locutions\": \(list(locutions)),\n"
            + "  \"participants\": \(list(participants)),\n  \"rejoinder\": {\"view\":\(optional(map.view)),\"vocabulary\":\(vocabulary(map.vocabulary))}\n}\n"
    }

    /// `[["argument","claim"],…]`: the words of the map, role by role.
    private static func vocabulary(_ vocabulary: Vocabulary) -> String {
        "[" + Vocabulary.Role.allCases.flatMap { role in
            vocabulary.names(role).map { "[\(JSONRenderer.string(role.rawValue)),\(JSONRenderer.string($0))]" }
        }.joined(separator: ",") + "]"
    }
}
