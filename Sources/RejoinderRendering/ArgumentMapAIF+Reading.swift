import RejoinderEngine
import RejoinderSyntax

extension ArgumentMapAIF {
    /// A map read from AIF, with what was left out as warnings.
    public struct Reading: Sendable {
        public let map: ArgumentMap
        public let warnings: [Diagnostic]
    }

    /// The node types of AIF: information, the three schemes Rejoinder
    /// reads, and the dialogical ones (locutions, transitions, illocutions)
    /// and rephrasings, which carry no argument of their own.
    static let dialogicalTypes: Set<String> = ["L", "TA", "YA", "MA"]

    /// Reads AIF JSON, `{"nodes", "edges", "locutions", …}` or OVA's
    /// `{"AIF": {…}}`, into an argument map. Ids, kinds, sources and ¶
    /// come from each node's `rejoinder` member when it has one; otherwise
    /// an I node is a claim whose id is made from its text, its source the
    /// participant of its locution. Every problem in the file is thrown at
    /// once, each pointing at its node or edge.
    public static func read(_ file: SourceFile) throws(DiagnosticError) -> Reading {
        var reader = AIFReader(document: try JSONDocument(file))
        return try reader.read()
    }
}

/// One pass over an AIF document, collecting located problems.
private struct AIFReader {
    typealias Value = JSONDocument.Value

    struct Node {
        let id: String
        let type: String
        let text: String
        let value: Value
        var extra: Value? { value["rejoinder"] }
    }

    let document: JSONDocument
    var errors: [Diagnostic] = []
    var warnings: [Diagnostic] = []

    init(document: JSONDocument) {
        self.document = document
    }

    mutating func error(_ message: String, _ value: Value, help: String? = nil, notes: [Diagnostic] = []) {
        errors.append(.error(message, at: document.span(value), help: help, notes: notes))
    }

    mutating func warning(_ message: String, _ value: Value, help: String? = nil) {
        warnings.append(.warning(message, at: document.span(value), help: help))
    }

    /// The members of `value` that must be an array, or nil after an error.
    mutating func array(_ key: String, in value: Value, required: Bool) -> [Value]? {
        guard let member = value[key] else {
            if required { error("an AIF graph needs a '\(key)' array", value) }
            return nil
        }
        guard case .array(let elements) = member.content else {
            error("'\(key)' must be an array, found \(member.kindName)", member)
            return nil
        }
        return elements
    }

    /// A string or number member, or nil after an error when it is required.
    mutating func identifier(_ key: String, of value: Value, what: String, required: Bool = true) -> String? {
        guard let member = value[key] else {
            if required { error("\(what) has no '\(key)'", value) }
            return nil
        }
        guard let text = member.text else {
            error("'\(key)' of \(what) must be a string or a number, found \(member.kindName)", member)
            return nil
        }
        return text
    }

    mutating func read() throws(DiagnosticError) -> ArgumentMapAIF.Reading {
        var root = document.root
        guard case .object = root.content else { throw DiagnosticError(.error("an AIF file holds a JSON object, found \(root.kindName)", at: document.span(root))) }
        // OVA 3 wraps the graph in "AIF", beside its layout.
        if let wrapped = root["AIF"], case .object = wrapped.content { root = wrapped }
        let nodeValues = array("nodes", in: root, required: true) ?? []
        let edgeValues = array("edges", in: root, required: true) ?? []
        let locutionValues = array("locutions", in: root, required: false) ?? []
        let participantValues = array("participants", in: root, required: false) ?? []
        let vocabulary = vocabulary(in: document.root["rejoinder"]?["vocabulary"])
        let kinds = vocabulary.names(.argument)

        var nodes: [Node] = []
        var index: [String: Int] = [:]
        for (position, value) in nodeValues.enumerated() {
            let what = "node \(position + 1) of 'nodes'"
            guard case .object = value.content else {
                error("\(what) must be an object, found \(value.kindName)", value)
                continue
            }
            guard let id = identifier("nodeID", of: value, what: what), let type = identifier("type", of: value, what: "node '\(id)'") else { continue }
            guard type == "I" || ArgumentMapAIF.schemes.contains(where: { $0.type == type }) || ArgumentMapAIF.dialogicalTypes.contains(type) else {
                error("node '\(id)' has the unknown type '\(type)'", value["type"] ?? value, help: "AIF's node types are I, RA, CA, PA, MA, L, TA and YA")
                continue
            }
            var text = ""
            if let member = value["text"] {
                if case .string(let string) = member.content { text = string } else { error("'text' of node '\(id)' must be a string, found \(member.kindName)", member) }
            } else if type == "I" {
                error("I node '\(id)' has no 'text'", value)
            }
            if let first = index[id] {
                error("a second node with nodeID '\(id)'", value, notes: [.note("the first is here", at: document.span(nodes[first].value))])
                continue
            }
            index[id] = nodes.count
            nodes.append(Node(id: id, type: type, text: text, value: value))
        }

        // The nodes at the known end of a bad edge: their own roles are not
        // judged, which would only repeat the edge's error.
        var brokenEnds = Set<Int>()
        var incoming = [[(node: Int, edge: Value)]](repeating: [], count: nodes.count)
        var outgoing = [[(node: Int, edge: Value)]](repeating: [], count: nodes.count)
        for (position, value) in edgeValues.enumerated() {
            guard case .object = value.content else {
                error("edge \(position + 1) of 'edges' must be an object, found \(value.kindName)", value)
                continue
            }
            let name = identifier("edgeID", of: value, what: "edge \(position + 1) of 'edges'", required: false).map { "edge '\($0)'" } ?? "edge \(position + 1) of 'edges'"
            guard let from = identifier("fromID", of: value, what: name), let to = identifier("toID", of: value, what: name) else { continue }
            guard let source = index[from] else {
                if let target = index[to] { brokenEnds.insert(target) }
                error("\(name) comes from the unknown node '\(from)'", value["fromID"] ?? value, help: "every fromID and toID must be the nodeID of a node")
                continue
            }
            guard let target = index[to] else {
                brokenEnds.insert(source)
                error("\(name) goes to the unknown node '\(to)'", value["toID"] ?? value, help: "every fromID and toID must be the nodeID of a node")
                continue
            }
            if nodes[source].type == "I" && nodes[target].type == "I" {
                error("\(name) links two I nodes, '\(from)' and '\(to)'", value, help: "AIF relates information through an RA, CA or PA node between them")
                continue
            }
            outgoing[source].append((target, value))
            incoming[target].append((source, value))
        }

        let people = participants(participantValues)
        let authors = locutionAuthors(locutionValues, nodes: nodes, index: index, outgoing: outgoing, people: people)

        // Ids: those the file gives first, then ones made from the text.
        var ids = [String?](repeating: nil, count: nodes.count)
        var used = Set<String>()
        var undeclared = Set<Int>()
        for (number, node) in nodes.enumerated() where node.type == "I" {
            guard let extra = node.extra, let id = extra["id"]?.text else { continue }
            if extra["kind"].map({ if case .null = $0.content { true } else { false } }) == true {
                // Another view's argument, only named by the edges here.
                undeclared.insert(number)
            } else if !Lexer.isPlainName(id) {
                warning("the id '\(id)' of node '\(node.id)' is not a Rejoinder name; another is made from its text", extra["id"]!)
                continue
            }
            guard used.insert(id).inserted else {
                error("two nodes have the Rejoinder id '\(id)'", extra["id"]!)
                continue
            }
            ids[number] = id
        }
        for (number, node) in nodes.enumerated() where node.type == "I" && ids[number] == nil {
            ids[number] = Self.readableID(node.text.isEmpty ? node.id : node.text, fallback: node.id, avoiding: &used)
        }

        var mapNodes: [ArgumentMap.Node] = []
        for (number, node) in nodes.enumerated() where node.type == "I" && !undeclared.contains(number) {
            let extra = node.extra
            var kind = kinds.first ?? "claim"
            if let given = extra?["kind"] {
                if case .string(let name) = given.content, kinds.contains(name) {
                    kind = name
                } else {
                    error("the kind of node '\(node.id)' must be " + kinds.map { "\"\($0)\"" }.joined(separator: ", ") + " or null (another view's argument)", given)
                }
            }
            var declaredIn: String?
            if let given = extra?["view"] {
                if case .string(let name) = given.content, Lexer.isPlainName(name) {
                    declaredIn = name
                } else {
                    error("'view' of node '\(node.id)' must be the name of the source whose view declares it", given)
                }
            }
            var label: String? = node.text
            if let given = extra?["label"], case .null = given.content { label = nil }
            var paragraphs: [String] = []
            if let given = extra?["para"] {
                if case .array(let values) = given.content, values.allSatisfy({ $0.text != nil }) {
                    paragraphs = values.compactMap(\.text)
                } else {
                    error("'para' of node '\(node.id)' must be an array of strings or numbers", given)
                }
            }
            let source: String?
            if let given = extra?["by"] {
                switch given.content {
                case .null: source = nil
                case .string(let name) where Lexer.isPlainName(name): source = name
                default:
                    error("'by' of node '\(node.id)' must be a source's name or null", given)
                    source = nil
                }
            } else {
                source = authors[number]
            }
            mapNodes.append(ArgumentMap.Node(id: ids[number]!, kind: kind, label: label, paragraphs: paragraphs, source: source ?? declaredIn,
                                             declaredIn: declaredIn, status: nil))
        }

        var edges: [ArgumentMap.Edge] = []
        var seen = Set<String>()
        for (number, node) in nodes.enumerated() {
            guard let scheme = ArgumentMapAIF.schemes.first(where: { $0.type == node.type }), !brokenEnds.contains(number) else { continue }
            // A relation aimed at another relation (a CA node undercutting
            // an inference) has no counterpart in Rejoinder, whose
            // relations hold between claims and evidence; relations aimed
            // at this one are simply not part of it.
            if let other = outgoing[number].first(where: { link in ArgumentMapAIF.schemes.contains { $0.type == nodes[link.node].type } }) {
                let target = nodes[other.node]
                warning("\(node.type) node '\(node.id)' points at the \(target.type) node '\(target.id)', a relation rather than a claim; left out",
                        node.value, help: "Rejoinder's relations hold between arguments only")
                continue
            }
            let roles: (String, String) = switch node.type {
            case "RA": ("premise", "conclusion")
            case "CA": ("attacker", "target")
            default: ("preferred node", "dispreferred node")
            }
            let ins = incoming[number].map(\.node).filter { nodes[$0].type == "I" }, outs = outgoing[number].map(\.node).filter { nodes[$0].type == "I" }
            guard !ins.isEmpty else {
                error("\(node.type) node '\(node.id)' has no \(roles.0): no edge comes to it from an I node", node.value)
                continue
            }
            guard outs.count == 1 else {
                if outs.isEmpty {
                    error("\(node.type) node '\(node.id)' has no \(roles.1): no edge goes from it to an I node", node.value)
                } else {
                    error("\(node.type) node '\(node.id)' has \(outs.count) \(roles.1)s (\(outs.map { "'\(nodes[$0].id)'" }.joined(separator: ", "))); it must have one",
                          node.value, help: "draw one \(node.type) node for each")
                }
                continue
            }
            if node.type != "RA" && ins.count > 1 {
                error("\(node.type) node '\(node.id)' has \(ins.count) \(roles.0)s (\(ins.map { "'\(nodes[$0].id)'" }.joined(separator: ", "))); it must have one",
                      node.value, help: "draw one \(node.type) node for each")
                continue
            }
            var source: String? = authors[ins[0]]
            if let given = node.extra?["by"] {
                switch given.content {
                case .null: source = nil
                case .string(let name) where Lexer.isPlainName(name): source = name
                default: error("'by' of node '\(node.id)' must be a source's name or null", given)
                }
            }
            // A linked argument (several premises) becomes one support from each.
            let relation = vocabulary.name(scheme.role) ?? ArgumentMapAIF.defaultVocabulary.name(scheme.role)!
            for premise in ins where seen.insert("\(relation)|\(ids[premise]!)|\(ids[outs[0]]!)|\(source ?? "")").inserted {
                edges.append(ArgumentMap.Edge(from: ids[premise]!, to: ids[outs[0]]!, role: scheme.role, relation: relation, source: source))
            }
        }
        guard errors.isEmpty else { throw DiagnosticError(errors + warnings) }

        var sources = people.map { (name: $0.name, label: $0.label) }
        for name in mapNodes.compactMap(\.source) + edges.compactMap(\.source) where !sources.contains(where: { $0.name == name }) {
            sources.append((name, nil))
        }
        var view: String?
        if case .string(let name)? = document.root["rejoinder"]?["view"]?.content { view = name }
        let map = ArgumentMap(view: view, sources: sources, nodes: mapNodes.sorted { $0.id < $1.id },
                              edges: edges.sorted { ($0.from, $0.to, $0.relation) < ($1.from, $1.to, $1.relation) }, vocabulary: vocabulary)
        return ArgumentMapAIF.Reading(map: map, warnings: warnings)
    }

    /// The words Rejoinder exported the map with (`[[role, name], …]`), or
    /// the shipped base's for a file from another tool.
    mutating func vocabulary(in value: Value?) -> Vocabulary {
        guard let value else { return ArgumentMapAIF.defaultVocabulary }
        var vocabulary = Vocabulary()
        guard case .array(let pairs) = value.content else {
            error("'vocabulary' must be an array of [role, name] pairs", value)
            return ArgumentMapAIF.defaultVocabulary
        }
        for pair in pairs {
            guard case .array(let parts) = pair.content, parts.count == 2, case .string(let roleName) = parts[0].content,
                  let role = Vocabulary.Role(rawValue: roleName), case .string(let name) = parts[1].content, Lexer.isPlainName(name) else {
                error("a vocabulary entry is a known role and a name, as [\"attack\", \"rebuts\"]", pair)
                continue
            }
            vocabulary.declare(role, name)
        }
        return vocabulary
    }

    /// The participants: id, source name and label.
    mutating func participants(_ values: [Value]) -> [(id: String, name: String, label: String?)] {
        var result: [(id: String, name: String, label: String?)] = []
        var used = Set<String>()
        for (position, value) in values.enumerated() {
            guard let id = identifier("participantID", of: value, what: "participant \(position + 1)") else { continue }
            let words = ["firstname", "surname"].compactMap { value[$0]?.text }.filter { !$0.isEmpty }
            var label = words.isEmpty ? nil : words.joined(separator: " ")
            if let given = value["rejoinder"]?["label"], case .null = given.content { label = nil }
            var name: String
            if let given = value["rejoinder"]?["source"]?.text, Lexer.isPlainName(given) {
                name = given
            } else if Lexer.isPlainName(id) {
                name = id
            } else {
                name = Self.readableID(label ?? "", fallback: "person_" + id, avoiding: &used)
            }
            used.insert(name)
            result.append((id, name, label))
        }
        return result
    }

    /// Each I node's source from the locutions: a locution on the node
    /// itself (as Rejoinder writes), or on an L node whose YA node leads to it
    /// (as AIFdb's analyses do).
    mutating func locutionAuthors(_ values: [Value], nodes: [Node], index: [String: Int], outgoing: [[(node: Int, edge: Value)]],
                                  people: [(id: String, name: String, label: String?)]) -> [Int: String] {
        var authors: [Int: String] = [:]
        for (position, value) in values.enumerated() {
            let what = "locution \(position + 1)"
            guard let nodeID = identifier("nodeID", of: value, what: what), let person = identifier("personID", of: value, what: what) else { continue }
            guard let number = index[nodeID] else {
                error("\(what) is about the unknown node '\(nodeID)'", value["nodeID"] ?? value)
                continue
            }
            let name = people.first { $0.id == person }?.name ?? (Lexer.isPlainName(person) ? person : "person_" + person.filter { $0.isLetter || $0.isNumber })
            if nodes[number].type == "I" {
                authors[number] = name
            } else if nodes[number].type == "L" {
                for ya in outgoing[number] where nodes[ya.node].type == "YA" {
                    for said in outgoing[ya.node] where nodes[said.node].type == "I" { authors[said.node] = name }
                }
            }
        }
        return authors
    }

    /// A Rejoinder name from some text: its first words, lower case, in
    /// ASCII letters and digits joined by '_', not yet in `used`.
    static func readableID(_ text: String, fallback: String, avoiding used: inout Set<String>) -> String {
        var words: [String] = []
        var word = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else if scalar != "'" && scalar != "’" && !word.isEmpty {
                words.append(word.lowercased())
                word = ""
            }
        }
        if !word.isEmpty { words.append(word.lowercased()) }
        var base = words.prefix(5).joined(separator: "_")
        if base.isEmpty && fallback != text { return readableID(fallback, fallback: fallback, avoiding: &used) }
        if base.isEmpty { base = "node" }
        if !Lexer.isPlainName(base) { base = "n_" + base }
        var candidate = base
        var number = 1
        while used.contains(candidate) {
            number += 1
            candidate = "\(base)_\(number)"
        }
        used.insert(candidate)
        return candidate
    }
}
