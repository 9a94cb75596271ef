// Stand-in until the scalable search lands: acceptance from every extension.
extension AttackGraph {
    public struct Acceptance: Sendable, Equatable {
        public let credulous: [Bool]
        public let skeptical: [Bool]
        public let hasExtension: Bool
    }

    public func acceptance<Failure: Error>(_ semantics: Semantics, poll: () throws(Failure) -> Void) throws(Failure) -> Acceptance {
        let all = try extensions(semantics, poll: poll)
        var credulous = [Bool](repeating: false, count: count)
        var skeptical = [Bool](repeating: true, count: count)
        for set in all {
            let members = Set(set)
            for argument in 0..<count {
                if members.contains(argument) { credulous[argument] = true } else { skeptical[argument] = false }
            }
        }
        return Acceptance(credulous: credulous, skeptical: skeptical, hasExtension: !all.isEmpty)
    }
}
