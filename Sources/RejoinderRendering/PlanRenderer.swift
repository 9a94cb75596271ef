import RejoinderEngine

/// `:plan` and `rejoinder check --plan`: the relations involved with their
/// column types, the query's steps, then each stratum it reads, lowest
/// first, with each rule's steps numbered in the order they run.
public enum PlanRenderer {
    public static func render(_ plan: PlanDescription, isQuery: Bool) -> String {
        var output = ""
        if !plan.relations.isEmpty {
            output += "relations, with what each column can hold:\n"
            for relation in plan.relations { output += "  " + signature(relation) + "\n" }
        }
        if isQuery {
            output += "query, in " + plan.views.joined(separator: ", ") + ":\n"
            output += steps(plan.query, indent: "  ")
            output += plan.strata.isEmpty ? "it reads stored facts only\n" : "it reads, lowest stratum first:\n"
        }
        for stratum in plan.strata {
            output += "stratum \(stratum.number): " + stratum.predicates.map(signature).joined(separator: ", ") + "\n"
            if stratum.isRecursive {
                output += "  recursive: semi-naive rounds, one variant per recursive atom, which reads the last round's new rows first\n"
            }
            for builtin in stratum.builtins { output += "  built in: \(builtin)\n" }
            for rule in stratum.rules {
                output += "  rule at \(rule.location)" + (rule.source.map { " (according to \($0))" } ?? "") + ":\n"
                output += "    \(rule.text)\n"
                output += steps(rule.steps, indent: "    ")
            }
        }
        return output
    }

    /// `meets/3 (symbol, symbol, integer)`; a predicate of arity 0 has no columns to show.
    private static func signature(_ schema: PlanDescription.Schema) -> String {
        schema.columns.isEmpty ? schema.signature
            : schema.signature + " (" + schema.columns.map(\.description).joined(separator: ", ") + ")"
    }

    private static func steps(_ steps: [PlanDescription.Step], indent: String) -> String {
        var output = ""
        for (index, step) in steps.enumerated() {
            output += "\(indent)\(index + 1). \(step.text)\n"
            output += self.steps(step.inner, indent: indent + "   ")
        }
        return output
    }
}
