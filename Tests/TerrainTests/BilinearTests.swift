import Terrain
import Testing

@Suite("Bilinear sampling")
struct BilinearTests {
    /// 3 × 2 heights with a void at column 1 of the top row.
    let values: [Float] = [10, .nan, 40, 20, 30, 50]

    @Test("On a cell centre, or within a billionth of one, the cell's own height even beside a void")
    func centres() {
        #expect(bilinear(values, width: 3, height: 2, column: 0, row: 0) == 10)
        #expect(bilinear(values, width: 3, height: 2, column: 1e-12, row: 0) == 10)
        #expect(bilinear(values, width: 3, height: 2, column: 2 - 1e-12, row: 1e-12) == 40)
        #expect(bilinear(values, width: 3, height: 2, column: 1, row: 1) == 30)
    }

    @Test("Between centres: weighted neighbours; a void with any weight gives none")
    func between() {
        #expect(bilinear(values, width: 3, height: 2, column: 0, row: 0.25) == 12.5)
        #expect(bilinear(values, width: 3, height: 2, column: 1.5, row: 1) == 40)
        #expect(bilinear(values, width: 3, height: 2, column: 1e-6, row: 0) == nil)
        #expect(bilinear(values, width: 3, height: 2, column: 0.5, row: 0.5) == nil)
    }

    @Test("Beyond half a cell outside the grid: nothing; within it: the edge cell")
    func edges() {
        #expect(bilinear(values, width: 3, height: 2, column: -0.4, row: 0) == 10)
        #expect(bilinear(values, width: 3, height: 2, column: -0.6, row: 0) == nil)
        #expect(bilinear(values, width: 3, height: 2, column: 2.4, row: 1.4) == 50)
    }
}
