import RejoinderEngine

/// One view's attack graph in ASPARTIX's apx format (`arg(a).`,
/// `att(a,b).`), the input of every solver of the argumentation
/// competition and of `rejoinder af`: claims and evidence are the
/// arguments, `rebuts` the attacks.
public enum ArgumentMapAPX {
    public static func render(_ map: ArgumentMap) -> String {
        let header = "% the attack graph " + (map.view.map { "according to \($0)" } ?? "of every view") + ", from Rejoinder\n"
        let rebuttals = map.edges.filter { $0.relation == "rebuts" }
        // An attack on what another side states (its evidence) counts in
        // this view's grounded status too, so its ends are arguments here.
        var names = map.nodes.map(\.id)
        var seen = Set(names)
        for edge in rebuttals {
            for end in [edge.from, edge.to] where seen.insert(end).inserted { names.append(end) }
        }
        let attacks = Set(rebuttals.map { "att(\($0.from),\($0.to)).\n" })
        return header + names.map { "arg(\($0)).\n" }.joined() + attacks.sorted().joined()
    }
}

/// The argument map as Graphviz DOT: one cluster per source, `supports`
/// solid, `rebuts` dashed, the grounded status (in the view drawn) as fill.
public enum ArgumentMapDOT {
    static let fills = ["accepted": "#c8e6c9", "rejected": "#ffcdd2", "undecided": "#fff3b0"]

    public static func render(_ map: ArgumentMap) -> String {
        var output = "digraph argument_map {\n"
        output += "  graph [rankdir=LR, fontname=\"Helvetica\", label=\(quoted(title(map))), labelloc=t];\n"
        output += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=10];\n"
        output += "  edge [fontname=\"Helvetica\", fontsize=9];\n"
        var groups: [String?] = map.sources.map(\.name)
        if map.nodes.contains(where: { $0.source == nil }) { groups.append(nil) }
        for group in groups {
            let members = map.nodes.filter { $0.source == group }
            guard !members.isEmpty else { continue }
            let label = group.map { name in map.sources.first { $0.name == name }?.label.map { "\(name): \($0)" } ?? name } ?? "common ground"
            output += "  subgraph \(quoted("cluster_" + (group ?? "common"))) {\n    label=\(quoted(label));\n"
            for node in members {
                var attributes = ["label=\(quoted(nodeLabel(node)))"]
                if node.kind == "evidence" { attributes.append("shape=note") }
                if let status = node.status, let fill = fills[status] { attributes.append("fillcolor=\"\(fill)\"") }
                output += "    \(quoted(node.id)) [\(attributes.joined(separator: ", "))];\n"
            }
            output += "  }\n"
        }
        for edge in map.edges {
            var attributes = [edge.relation == "rebuts" ? "style=dashed" : "style=solid"]
            if map.view == nil, let source = edge.source { attributes.append("label=\(quoted(source))") }
            output += "  \(quoted(edge.from)) -> \(quoted(edge.to)) [\(attributes.joined(separator: ", "))];\n"
        }
        if map.view != nil {
            output += "  subgraph cluster_legend {\n    label=\"grounded status\";\n"
            for (status, fill) in fills.sorted(by: { $0.key < $1.key }) {
                output += "    \(quoted("legend_" + status)) [label=\(quoted(status)), fillcolor=\"\(fill)\"];\n"
            }
            output += "  }\n"
        }
        return output + "}\n"
    }

    private static func title(_ map: ArgumentMap) -> String {
        map.view.map { "The argument map according to \($0)" } ?? "The argument map, every source's claims and relations"
    }

    /// The label wrapped at about 40 characters, then the paragraph.
    private static func nodeLabel(_ node: ArgumentMap.Node) -> String {
        var lines: [String] = []
        var line = ""
        for word in (node.label ?? node.id).split(separator: " ") {
            if !line.isEmpty && line.count + word.count > 40 {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        if !node.paragraphs.isEmpty { lines.append(node.paragraphs.map { "¶" + $0 }.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}

/// The whole fact base as one JSON object.
public enum FactBaseJSON {
    public static func render(_ snapshot: FactBaseSnapshot) -> String {
        let sources = snapshot.sources.map { source in
            "{\"name\":\(JSONRenderer.string(source.name)),\"label\":\(source.label.map(JSONRenderer.string) ?? "null")}"
        }
        let entities = snapshot.entities.map { entity in
            let attributes = entity.attributes.map { attribute in
                JSONRenderer.string(attribute.name) + ":[" + attribute.values.map(JSONRenderer.value).joined(separator: ",") + "]"
            }
            return "{\"id\":\(JSONRenderer.string(entity.id)),\"kind\":\(JSONRenderer.string(entity.kind)),"
                + "\"source\":\(entity.source.map(JSONRenderer.string) ?? "null"),\"attributes\":{\(attributes.joined(separator: ","))}}"
        }
        let facts = snapshot.facts.map { group in
            JSONRenderer.string(group.predicate) + ":[" + group.facts.map { fact in
                "{\"values\":[" + fact.values.map(JSONRenderer.value).joined(separator: ",") + "],\"source\":" + (fact.source.map(JSONRenderer.string) ?? "null") + "}"
            }.joined(separator: ",") + "]"
        }
        let rules = snapshot.rules.map { rule in
            "{\"text\":\(JSONRenderer.string(rule.text)),\"at\":\(JSONRenderer.string(rule.location)),\"source\":\(rule.source.map(JSONRenderer.string) ?? "null")}"
        }
        return "{\"sources\":[" + sources.joined(separator: ",") + "],\"entities\":[" + entities.joined(separator: ",")
            + "],\"facts\":{" + facts.joined(separator: ",") + "},\"rules\":[" + rules.joined(separator: ",") + "]}\n"
    }
}
