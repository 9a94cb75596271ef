/// Did-you-mean suggestions, for names in the engine's diagnostics and
/// for misspelt keywords in the parser's.

/// The candidate closest to `name` by edit distance (a swap of two
/// neighbouring letters counts as one edit), if close enough to be a
/// likely typo.
public func nearestName(to name: String, among candidates: [String]) -> String? {
    let target = Array(name.utf8)
    let limit = max(1, min(3, (target.count + 1) / 3))
    var best: (String, Int)?
    for candidate in Set(candidates) where candidate != name {
        let distance = editDistance(target, Array(candidate.utf8))
        if distance <= limit, best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
            best = (candidate, distance)
        }
    }
    return best?.0
}

/// Optimal string alignment distance: insertions, deletions,
/// substitutions and transpositions of neighbours.
private func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
            }
        }
    }
    return table[a.count][b.count]
}
