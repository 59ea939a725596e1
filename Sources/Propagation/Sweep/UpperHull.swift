/// The upper convex hull of the points (i, y[i]) of a growing sequence, as their indices in increasing order in
/// storage the caller owns: a new point drops the points that lie on or below the chord to it.
struct UpperHull {
    /// Number of points on the hull: the first `count` indices of its storage.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    mutating func removeAll() { count = 0 }

    /// Adds point `index` (beyond every point so far) of the sequence `y` to the hull kept in `hull`.
    @inline(__always)
    mutating func extend(with index: Int, of y: UnsafeMutablePointer<Double>, in hull: UnsafeMutablePointer<Int>) {
        var kept = count
        let newY = y[index]
        while kept >= 2 {
            let a = hull[kept &- 2], b = hull[kept &- 1]
            // Drop b when it lies on or below the chord from a to the new point.
            let cross = Double(b &- a) * (newY - y[a]) - (y[b] - y[a]) * Double(index &- a)
            guard cross >= 0 else { break }
            kept &-= 1
        }
        hull[kept] = index
        count = kept &+ 1
    }
}
