/// How `phusong candidates` orders the hilltops.
public enum CandidateRanking: String, Sendable, CaseIterable {
    /// By the residents each reaches on its own: neighbouring hilltops over one valley may all come first.
    case alone
    /// Each next one by the residents it reaches that none before it reaches (greedy maximal covering): a list that
    /// spreads over the valleys.
    case added

    /// Up to `maximum` of the hilltops reaching `reached` cells (with `residents` per cell), best first, each with
    /// the residents it counts for; only those counting some. Equal counts go to the smaller `ties` value.
    func rank(_ reached: [[Int]], residents: [Double], ties: [Int], maximum: Int) -> [(index: Int, residents: Double)] {
        var counts = reached.map { $0.reduce(0) { $0 + residents[$1] } }
        func better(_ a: Int, _ b: Int) -> Bool { counts[a] != counts[b] ? counts[a] > counts[b] : ties[a] < ties[b] }
        switch self {
        case .alone:
            return reached.indices.filter { counts[$0] > 0 }.sorted(by: better).prefix(maximum).map { ($0, counts[$0]) }
        case .added:
            var taken = [Bool](repeating: false, count: residents.count), picked: [(index: Int, residents: Double)] = [], open = Array(reached.indices)
            while picked.count < maximum, let best = open.filter({ counts[$0] > 0 }).min(by: better) {
                picked.append((best, counts[best]))
                for cell in reached[best] { taken[cell] = true }
                open.removeAll { $0 == best }
                for index in open { counts[index] = reached[index].reduce(0) { taken[$1] ? $0 : $0 + residents[$1] } }
            }
            return picked
        }
    }
}
