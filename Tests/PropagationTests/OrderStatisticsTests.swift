@testable import Propagation
import TestSupport
import Testing

@Suite("Δh's order statistics")
struct OrderStatisticsTests {
    /// `tails(k)` of `values` against sorting.
    func check(_ values: [Double], k: Int) {
        let sorted = values.sorted()
        var copy = values
        var scratch = [Double](repeating: 0, count: 2 * values.count)
        let tails = copy.withUnsafeMutableBufferPointer { buffer in
            scratch.withUnsafeMutableBufferPointer { buffer.tails(k, scratch: $0) }
        }
        #expect(tails.smallest == sorted[k - 1], "n \(values.count), k \(k)")
        #expect(tails.largest == sorted[values.count - k], "n \(values.count), k \(k)")
    }

    @Test("The k-th smallest and largest equal sorting's, with ties, on every size Δh uses")
    func againstSorting() {
        var random = SeededGenerator(seed: 4)
        for n in [35, 63, 64, 100, 195, 245] {
            for k in [1, 4, n / 10, 25] where k >= 1 && 2 * k <= n {
                check((0..<n).map { _ in random.unit() }, k: k)
                check((0..<n).map { _ in Double(random.int(5)) }, k: k)  // many ties, pivots among them
                check((0..<n).map { Double($0) }, k: k)
                check((0..<n).map { Double(n - $0) }, k: k)
            }
        }
    }

    @Test("Selection finds every rank as sorting does, on every size up to 40, with and without ties")
    func selectEveryRank() {
        var random = SeededGenerator(seed: 6)
        for n in 1...40 {
            for values in [(0..<n).map { _ in random.unit() }, (0..<n).map { _ in Double(random.int(3)) }] {
                let sorted = values.sorted()
                for rank in 0..<n {
                    var copy = values, spare = [Double](repeating: .nan, count: n)
                    let found = copy.withUnsafeMutableBufferPointer { buffer in
                        spare.withUnsafeMutableBufferPointer { buffer.select(rank, spare: $0.baseAddress!) }
                    }
                    #expect(found == sorted[rank], "n \(n), rank \(rank)")
                }
            }
        }
    }

    @Test("A sample that misses a tail falls back to searching every element")
    func fallback() {
        var random = SeededGenerator(seed: 5)
        let n = 245
        var values = (0..<n).map { _ in random.unit() }
        for index in 0..<16 { values[index * n / 16 + n / 32] = 1_000 }  // every sampled element the largest
        check(values, k: 25)  // 16 elements reach the high pivot, fewer than 25
    }
}
