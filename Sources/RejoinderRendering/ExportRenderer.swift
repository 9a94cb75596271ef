import RejoinderEngine

/// One view's attack graph in ASPARTIX's apx format (`arg(a).`,
/// `att(a,b).`), the input of every solver of the argumentation
/// competition and of `rejoinder af`: claims and evidence are the
/// arguments, `rebuts` the attacks.
public enum ArgumentMapAPX {
    public static func render(_ map: ArgumentMap) -> String {
        let header = "% the attack graph " + (map.view.map { "according to \($0)" } ?? "of every view") + ", from Rejoinder\n"
        let framework = map.attackFramework
        let attacks = framework.graph.targets.indices.flatMap { attacker in
            framework.graph.targets[attacker].map { "att(\(framework.names[attacker]),\(framework.names[$0])).\n" }
        }
        return header + framework.names.map { "arg(\($0)).\n" }.joined() + Set(attacks).sorted().joined()
    }
}

extension ArgumentMap {
    /// The map's attack graph: its claims and evidence, then any other end
    /// of a rebuttal, are the arguments (in that order), `rebuts` the
    /// attacks, each once.
    public var attackFramework: FrameworkFile {
        let rebuttals = edges.filter { $0.role == .attack }
        // An attack on what another side states (its evidence) counts in
        // this view's grounded status too, so its ends are arguments here.
        var names = nodes.map(\.id)
        var index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        for edge in rebuttals {
            for end in [edge.from, edge.to] where index[end] == nil {
                index[end] = names.count
                names.append(end)
            }
        }
        var seen = Set<[Int]>()
        let attacks = rebuttals.compactMap { edge -> (attacker: Int, target: Int)? in
            let pair = [index[edge.from]!, index[edge.to]!]
            return seen.insert(pair).inserted ? (pair[0], pair[1]) : nil
        }
        return FrameworkFile(graph: AttackGraph(count: names.count, attacks: attacks), names: names)
    }
}

/// How each claim and piece of evidence of a view fares under a semantics
/// other than grounded (which the view's `status/2` already gives): in
/// every extension, in some only, or in none.
public struct ViewAcceptance: Sendable {
    public enum Level: String, CaseIterable, Sendable {
        case skeptical = "skeptically accepted"
        case credulous = "credulously accepted only"
        case notAccepted = "not accepted"
    }

    public let semantics: AttackGraph.Semantics
    /// By node id; every argument of the map's attack graph has one.
    public let levels: [String: Level]
    /// False when the semantics gives the view no extension at all (stable,
    /// with an odd cycle of attacks); then nothing counts as accepted,
    /// rather than everything vacuously skeptically.
    public let hasExtension: Bool

    /// The levels in `map`'s own attack graph, by the graph's acceptance
    /// search (no list of every extension). `poll` runs during the search
    /// and may throw to stop it.
    public init<Failure: Error>(_ map: ArgumentMap, under semantics: AttackGraph.Semantics,
                                poll: () throws(Failure) -> Void) throws(Failure) {
        let framework = map.attackFramework
        let acceptance = try framework.graph.acceptance(semantics, poll: poll)
        var levels: [String: Level] = [:]
        for (argument, name) in framework.names.enumerated() {
            levels[name] = !acceptance.hasExtension || !acceptance.credulous[argument] ? .notAccepted
                : acceptance.skeptical[argument] ? .skeptical : .credulous
        }
        self.semantics = semantics
        self.levels = levels
        hasExtension = acceptance.hasExtension
    }
}

/// The argument map as Graphviz DOT: one cluster per source, `supports`
/// solid, `rebuts` dashed, evidence as notes and claims as boxes. A status
/// is drawn by the border (double, dashed or dotted) so the map reads in
/// grey; the fills, tints of the Okabe–Ito palette that colour-blind
/// readers tell apart, only repeat it.
public enum ArgumentMapDOT {
    /// How one status (or acceptance level) is drawn.
    struct NodeStyle {
        /// The border in words, for the legend.
        let name: String
        let border: String
        let peripheries: Int
        let fill: String
        let pen: String

        var attributes: [String] {
            ["style=\"rounded,filled,\(border)\"", "fillcolor=\"\(fill)\"", "color=\"\(pen)\""] + (peripheries > 1 ? ["peripheries=\(peripheries)"] : [])
        }
    }

    static let accepted = NodeStyle(name: "double border", border: "solid", peripheries: 2, fill: "#bfdcec", pen: "#0072b2")
    static let rejected = NodeStyle(name: "dashed border", border: "dashed", peripheries: 1, fill: "#f4d7bf", pen: "#d55e00")
    static let undecided = NodeStyle(name: "dotted border", border: "dotted", peripheries: 1, fill: "#f9f4b3", pen: "#000000")

    /// The grounded statuses, in legend order.
    static let statusStyles: [(status: String, style: NodeStyle)] = [("accepted", accepted), ("rejected", rejected), ("undecided", undecided)]

    /// In every extension as accepted, in none as rejected, in some only as undecided.
    static func style(_ level: ViewAcceptance.Level) -> NodeStyle {
        switch level {
        case .skeptical: accepted
        case .credulous: undecided
        case .notAccepted: rejected
        }
    }

    /// `acceptance`, when given, replaces the grounded status by the levels
    /// of its semantics.
    public static func render(_ map: ArgumentMap, acceptance: ViewAcceptance? = nil) -> String {
        var output = "digraph argument_map {\n"
        output += "  graph [rankdir=LR, fontname=\"Helvetica\", label=\(quoted(title(map, acceptance))), labelloc=t];\n"
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
                if node.kind != map.vocabulary.name(.argument) { attributes.append("shape=note") }
                if let style = style(of: node, acceptance) { attributes += style.attributes }
                output += "    \(quoted(node.id)) [\(attributes.joined(separator: ", "))];\n"
            }
            output += "  }\n"
        }
        for edge in map.edges where edge.role != .preference {
            var attributes = [edge.role == .attack ? "style=dashed" : "style=solid"]
            if map.view == nil, let source = edge.source { attributes.append("label=\(quoted(source))") }
            output += "  \(quoted(edge.from)) -> \(quoted(edge.to)) [\(attributes.joined(separator: ", "))];\n"
        }
        return output + legend(map, acceptance) + "}\n"
    }

    private static func style(of node: ArgumentMap.Node, _ acceptance: ViewAcceptance?) -> NodeStyle? {
        if let acceptance { return acceptance.levels[node.id].map(style) }
        return node.status.flatMap { status in statusStyles.first { $0.status == status }?.style }
    }

    /// The shapes, and in a view the border of each status or level.
    private static func legend(_ map: ArgumentMap, _ acceptance: ViewAcceptance?) -> String {
        var output = "  subgraph cluster_legend {\n    label=\(quoted("legend" + (acceptance.map { ": \($0.semantics.rawValue) semantics" } ?? (map.view == nil ? "" : ": grounded status"))));\n"
        output += "    \"legend_claim\" [label=\"claim\"];\n    \"legend_evidence\" [label=\"evidence\", shape=note];\n"
        let styles: [(id: String, name: String, style: NodeStyle)]
        if acceptance != nil {
            styles = ViewAcceptance.Level.allCases.map { ("\($0)", $0.rawValue, style($0)) }
        } else {
            styles = map.view == nil ? [] : statusStyles.map { ($0.status, $0.status, $0.style) }
        }
        for (id, name, style) in styles {
            let label = quoted("\(name) (\(style.name))")
            output += "    \(quoted("legend_" + id)) [\((["label=\(label)"] + style.attributes).joined(separator: ", "))];\n"
        }
        return output + "  }\n"
    }

    private static func title(_ map: ArgumentMap, _ acceptance: ViewAcceptance?) -> String {
        guard let view = map.view else { return "The argument map, every source's claims and relations" }
        guard let acceptance else { return "The argument map according to \(view)" }
        let title = "The argument map according to \(view), under \(acceptance.semantics.rawValue) semantics"
        return acceptance.hasExtension ? title : title + "\n(no \(acceptance.semantics.rawValue) extension exists, so no node is accepted)"
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
