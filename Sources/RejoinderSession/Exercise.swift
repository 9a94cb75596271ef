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
    /// What a correct answer scores in a grade report (`points: N`, 1 unless given).
    public let points: Double

    /// Every exercise of the common ground, by level then id.
    public static func all(in knowledgeBase: KnowledgeBase) -> [Exercise] {
        knowledgeBase.snapshot.entities.compactMap { entity -> Exercise? in
            guard entity.kind == "exercise", entity.source == nil else { return nil }
            func text(_ name: String) -> String? {
                entity.attributes.first { $0.name == name }?.values.first.map(\.plainText)
            }
            guard let answer = text("answer") else { return nil }
            func number(_ name: String) -> Double? {
                switch entity.attributes.first(where: { $0.name == name })?.values.first {
                case .integer(let value)?: return Double(value)
                case .double(let value)?: return value
                default: return nil
                }
            }
            return Exercise(id: entity.id, task: text("label") ?? entity.id, answer: answer,
                            hints: ["hint", "hint_2", "hint_3", "hint_4"].compactMap(text), topic: text("topic") ?? "",
                            level: number("level").map { Int($0) } ?? 1, points: number("points") ?? 1)
        }.sorted { ($0.level, $0.id) < ($1.level, $1.id) }
    }
}
