import RejoinderSyntax
import RejoinderEngine

/// Prints `why` and `why not`: a tree per view (box drawing on a terminal,
/// ASCII otherwise) or, in the json format, one JSON value.
public struct ExplanationRenderer: Sendable {
    public var format: OutputFormat
    public var style: TableStyle
    /// Levels shown before a subtree is folded (`:depth`).
    public var depth: Int

    public init(format: OutputFormat, style: TableStyle, depth: Int) {
        self.format = format
        self.style = style
        self.depth = depth
    }

    public func render(_ results: [ExplanationResult], negated: Bool) -> String {
        if format == .json { return JSONExplanation.render(results) + "\n" }
        var output = ""
        for result in results {
            let view = result.source.map { "according to \($0)" } ?? "in the common ground"
            switch result.finding {
            case .holds(let derivation):
                output += negated ? "\(derivation.statement) holds \(view):\n" : "\(view):\n"
                output += tree(derivation)
            case .doesNotHold(let absence):
                output += "\(absence.statement) does not hold \(view)"
                if let instead = absence.instead {
                    output += "; instead:\n" + tree(instead, indent: "  ")
                } else {
                    output += absence.hasNoRules ? ": no rule derives it and no fact states it.\n" : ".\n"
                }
                for failure in absence.failures { output += describe(failure, indent: "  ") }
            }
        }
        // Labels and values come from files a user may not have written.
        return output.split(separator: "\n", omittingEmptySubsequences: false)
            .map { DisplayWidth.escapingControls(String($0)) }.joined(separator: "\n")
    }

    // MARK: Trees

    private var branches: (middle: String, last: String, bar: String, space: String) {
        style.unicode ? ("├─ ", "└─ ", "│  ", "   ") : ("|- ", "`- ", "|  ", "   ")
    }

    private func tree(_ root: Derivation, indent: String = "") -> String {
        var output = indent + line(root) + "\n"
        output += citation(root, prefix: indent + "   ")
        output += children(of: root, prefix: indent, level: 1)
        return output
    }

    private func children(of node: Derivation, prefix: String, level: Int) -> String {
        var output = ""
        if level > depth && !node.children.isEmpty {
            let hidden = node.depth
            return prefix + branches.last + "… \(hidden) more level\(hidden == 1 ? "" : "s") (:depth \(depth + hidden) unfolds them)\n"
        }
        for (index, child) in node.children.enumerated() {
            let isLast = index == node.children.count - 1
            output += prefix + (isLast ? branches.last : branches.middle) + line(child) + "\n"
            let childPrefix = prefix + (isLast ? branches.space : branches.bar)
            output += citation(child, prefix: childPrefix + "   ")
            output += children(of: child, prefix: childPrefix, level: level + 1)
        }
        return output
    }

    /// The statement and how it is known.
    private func line(_ node: Derivation) -> String {
        let how: String
        switch node.step {
        case .fact(let source, let location):
            how = "fact" + (source.map { " according to \($0)" } ?? "") + ", " + location
        case .rule(let predicate, let source, let location):
            how = "by rule \(predicate)" + (source.map { " of \($0)" } ?? "") + " at " + location
        case .argumentation(let semantics, let reason):
            how = "\(semantics) semantics: " + reason
        case .inView(let source):
            how = "holds according to \(source)"
        case .absent:
            how = "nothing states it"
        case .test, .computed:
            how = ""
        case .tooLarge:
            how = "holds; its derivation is too large to search"
        }
        return how.isEmpty ? node.statement : node.statement + dim("   " + how)
    }

    /// The entity's label, paragraph and footnote, under its fact.
    private func citation(_ node: Derivation, prefix: String) -> String {
        guard let entity = node.entity, !entity.citation.isEmpty else { return "" }
        return prefix + entity.citation + "\n"
    }

    /// One rule's failure: the rule, the literal that fails and why, the
    /// values bound by then; a derived literal's own failure beneath it;
    /// then the later literals that fail too.
    private func describe(_ failure: Absence.RuleFailure, indent: String) -> String {
        var output = indent + "rule" + (failure.source.map { " of \($0)" } ?? "") + " at \(failure.location):\n"
        output += indent + "  " + failure.rule.split(whereSeparator: { $0 == "\n" }).map { $0.drop { $0 == " " } }.joined(separator: " ") + "\n"
        let with = failure.bindings.isEmpty ? "" : " with " + failure.bindings.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
        if case .headDoesNotMatch = failure.reason {
            output += indent + "  its head cannot be \(failure.literal)\(with)\n"
        } else {
            output += describe(failure.literal, failure.reason, opening: "fails at", with: with, indent: indent)
        }
        for later in failure.alsoFailing {
            output += describe(later.literal, later.reason, opening: "and fails too at", with: "", indent: indent)
        }
        return output
    }

    /// `fails at LITERAL` and why, with what lies beneath.
    private func describe(_ literal: String, _ reason: Absence.Reason, opening: String, with: String, indent: String) -> String {
        switch reason {
        case .headDoesNotMatch:
            return indent + "  \(opening) \(literal)\(with)\n"
        case .nothingMatches:
            return indent + "  \(opening) \(literal): nothing matches\(with)\n"
        case .testFails:
            return indent + "  \(opening) \(literal)\(with)\n"
        case .noValue:
            return indent + "  \(opening) \(literal): the aggregate has no value\(with)\n"
        case .blockedBy(let derivation):
            return indent + "  \(opening) \(literal)\(with), blocked by:\n" + tree(derivation, indent: indent + "    ")
        case .notDerived(let absence):
            var output = indent + "  \(opening) \(literal)\(with), which does not hold:\n"
            if absence.hasNoRules { output += indent + "    no rule derives it and no fact states it\n" }
            for inner in absence.failures { output += describe(inner, indent: indent + "    ") }
            return output
        }
    }

    private func dim(_ text: String) -> String {
        style.color ? "\u{1B}[2m\(text)\u{1B}[0m" : text
    }
}

/// `why` in JSON: an array with an object per view.
enum JSONExplanation {
    static func render(_ results: [ExplanationResult]) -> String {
        "[" + results.map { result in
            var fields = ["\"according to\":" + (result.source.map(JSONRenderer.string) ?? "null")]
            switch result.finding {
            case .holds(let derivation):
                fields.append("\"holds\":true")
                fields.append("\"derivation\":" + node(derivation))
            case .doesNotHold(let absence):
                fields.append("\"holds\":false")
                fields.append("\"statement\":" + JSONRenderer.string(absence.statement))
                fields.append("\"rules\":[" + absence.failures.map(failure).joined(separator: ",") + "]")
                if let instead = absence.instead { fields.append("\"instead\":" + node(instead)) }
            }
            return "{" + fields.joined(separator: ",") + "}"
        }.joined(separator: ",") + "]"
    }

    private static func node(_ derivation: Derivation) -> String {
        var fields = ["\"statement\":" + JSONRenderer.string(derivation.statement)]
        switch derivation.step {
        case .fact(let source, let location):
            fields += ["\"step\":\"fact\"", "\"source\":" + (source.map(JSONRenderer.string) ?? "null"), "\"at\":" + JSONRenderer.string(location)]
        case .rule(let predicate, let source, let location):
            fields += ["\"step\":\"rule\"", "\"rule\":" + JSONRenderer.string(predicate), "\"source\":" + (source.map(JSONRenderer.string) ?? "null"),
                       "\"at\":" + JSONRenderer.string(location)]
        case .argumentation(let semantics, let reason):
            fields += ["\"step\":" + JSONRenderer.string(semantics), "\"reason\":" + JSONRenderer.string(reason)]
        case .inView(let source):
            fields += ["\"step\":\"view\"", "\"source\":" + JSONRenderer.string(source)]
        case .absent: fields.append("\"step\":\"absent\"")
        case .test: fields.append("\"step\":\"test\"")
        case .computed: fields.append("\"step\":\"computed\"")
        case .tooLarge: fields.append("\"step\":\"too large\"")
        }
        if let entity = derivation.entity {
            var entityFields = ["\"id\":" + JSONRenderer.string(entity.id), "\"kind\":" + JSONRenderer.string(entity.kind)]
            if let label = entity.label { entityFields.append("\"label\":" + JSONRenderer.string(label)) }
            if let publisher = entity.publisher { entityFields.append("\"publisher\":" + JSONRenderer.string(publisher)) }
            if let series = entity.series { entityFields.append("\"series\":" + JSONRenderer.string(series)) }
            if !entity.paragraphs.isEmpty { entityFields.append("\"para\":[" + entity.paragraphs.map(JSONRenderer.string).joined(separator: ",") + "]") }
            if !entity.notes.isEmpty { entityFields.append("\"note\":[" + entity.notes.map(JSONRenderer.string).joined(separator: ",") + "]") }
            if !entity.cites.isEmpty { entityFields.append("\"cites\":[" + entity.cites.map(JSONRenderer.string).joined(separator: ",") + "]") }
            if let source = entity.source { entityFields.append("\"source\":" + JSONRenderer.string(source)) }
            fields.append("\"entity\":{" + entityFields.joined(separator: ",") + "}")
        }
        fields.append("\"children\":[" + derivation.children.map(node).joined(separator: ",") + "]")
        return "{" + fields.joined(separator: ",") + "}"
    }

    private static func reason(_ reason: Absence.Reason) -> [String] {
        switch reason {
        case .headDoesNotMatch: return ["\"reason\":\"head does not match\""]
        case .nothingMatches: return ["\"reason\":\"nothing matches\""]
        case .testFails: return ["\"reason\":\"test fails\""]
        case .noValue: return ["\"reason\":\"no value\""]
        case .blockedBy(let derivation): return ["\"reason\":\"blocked\"", "\"blocked by\":" + node(derivation)]
        case .notDerived(let absence):
            return ["\"reason\":\"not derived\"", "\"rules\":[" + absence.failures.map(failure).joined(separator: ",") + "]"]
        }
    }

    private static func failure(_ ruleFailure: Absence.RuleFailure) -> String {
        var fields = ["\"rule\":" + JSONRenderer.string(ruleFailure.rule), "\"at\":" + JSONRenderer.string(ruleFailure.location),
                      "\"source\":" + (ruleFailure.source.map(JSONRenderer.string) ?? "null"),
                      "\"fails at\":" + JSONRenderer.string(ruleFailure.literal)]
        fields += reason(ruleFailure.reason)
        if !ruleFailure.alsoFailing.isEmpty {
            fields.append("\"also fails at\":[" + ruleFailure.alsoFailing.map { later in
                "{\"fails at\":" + JSONRenderer.string(later.literal) + "," + reason(later.reason).joined(separator: ",") + "}"
            }.joined(separator: ",") + "]")
        }
        fields.append("\"bindings\":{" + ruleFailure.bindings.map { JSONRenderer.string($0.name) + ":" + JSONRenderer.string($0.value) }.joined(separator: ",") + "}")
        return "{" + fields.joined(separator: ",") + "}"
    }
}
