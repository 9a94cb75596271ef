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

/// One step of the newcomer's tour, as a `tour_step` entity states it: a
/// question, the query that answers it and a `why` behind the answer.
public struct TourStep: Sendable, Equatable {
    public let question: String
    public let query: String
    public let why: String
    public let paragraphs: [String]

    /// The steps of the common ground, in their order.
    public static func all(in knowledgeBase: KnowledgeBase) -> [TourStep] {
        knowledgeBase.snapshot.entities.compactMap { entity -> (Int, TourStep)? in
            guard entity.kind == "tour_step", entity.source == nil else { return nil }
            func values(_ name: String) -> [Datum] { entity.attributes.first { $0.name == name }?.values ?? [] }
            guard let query = values("query").first?.plainText, let why = values("explain").first?.plainText else { return nil }
            var order = Int.max
            if case .integer(let value)? = values("order").first { order = Int(value) }
            return (order, TourStep(question: values("label").first?.plainText ?? entity.id, query: query, why: why,
                                    paragraphs: values("para").map(\.plainText)))
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
