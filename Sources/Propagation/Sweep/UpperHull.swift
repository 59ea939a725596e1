/// The upper convex hull of the points (i, y[i]) of a growing sequence, as their indices in increasing order: a new
/// point drops the points that lie on or below the chord to it. Storage is allocated once, for `capacity` points.
struct UpperHull {
    private var indices: [Int]
    /// Number of points on the hull.
    private(set) var count = 0

    init(capacity: Int) {
        indices = [Int](repeating: 0, count: max(capacity, 1))
    }

    var isEmpty: Bool { count == 0 }

    /// The index of the `position`-th point along the hull.
    subscript(position: Int) -> Int { indices[position] }

    mutating func removeAll() { count = 0 }

    /// Adds point `index` (beyond every point so far) of the sequence `y`.
    mutating func extend(with index: Int, of y: UnsafeBufferPointer<Double>) {
        var kept = count
        indices.withUnsafeMutableBufferPointer { hull in
            let newY = y[index]
            while kept >= 2 {
                let a = hull[kept &- 2], b = hull[kept &- 1]
                // Drop b when it lies on or below the chord from a to the new point.
                let cross = Double(b &- a) * (newY - y[a]) - (y[b] - y[a]) * Double(index &- a)
                guard cross >= 0 else { break }
                kept &-= 1
            }
            hull[kept] = index
        }
        count = kept &+ 1
    }
}
