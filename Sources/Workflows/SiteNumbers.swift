/// Site ids numbered in the order they first appear, as plan files name them.
struct SiteNumbers {
    private(set) var ids: [String] = []
    private var index: [String: Int] = [:]

    /// The number of `id`, a new one for an id not seen before.
    mutating func number(_ id: String) -> Int {
        if let known = index[id] { return known }
        index[id] = ids.count
        ids.append(id)
        return ids.count - 1
    }
}
