import RejoinderEngine

/// A classroom exercise, as an `exercise` entity of the knowledge base
/// states it.
public struct Exercise: Sendable, Equatable {
    public let id: String
    /// The task in plain words (the entity's label).
    public let task: String
    /// The reference query.
    public let answer: String
    /// Hints of increasing help, in order.
    public let hints: [String]
    public let topic: String
    public let level: Int

    /// Every exercise of the common ground, by level then id.
    public static func all(in knowledgeBase: KnowledgeBase) -> [Exercise] {
        knowledgeBase.snapshot.entities.compactMap { entity -> Exercise? in
            guard entity.kind == "exercise", entity.source == nil else { return nil }
            func text(_ name: String) -> String? {
                entity.attributes.first { $0.name == name }?.values.first.map(\.plainText)
            }
            guard let answer = text("answer") else { return nil }
            var level = 1
            if case .integer(let value)? = entity.attributes.first(where: { $0.name == "level" })?.values.first { level = Int(value) }
            return Exercise(id: entity.id, task: text("label") ?? entity.id, answer: answer,
                            hints: ["hint", "hint_2", "hint_3", "hint_4"].compactMap(text), topic: text("topic") ?? "", level: level)
        }.sorted { ($0.level, $0.id) < ($1.level, $1.id) }
    }
}
