import Geometry
import Terrain

/// The grid cells whose centres lie inside a shape (even–odd rule over all rings, so holes stay empty),
/// found row by row from the crossings of the rings' edges with each row of centres.
enum CellRasterizer {
    /// Row-major indices of `grid`'s cells centred inside `shape` (given in the grid's CRS), row by row.
    static func cells(of shape: MultiPolygon, on grid: TerrainGrid) -> [Int] {
        var crossings: [Int: [Double]] = [:]
        for polygon in shape.polygons {
            for ring in [polygon.exterior] + polygon.holes {
                let positions = ring.points.map { grid.gridPosition(of: $0) }
                for (a, b) in zip(positions, positions.dropFirst()) where a.row != b.row {
                    let low = min(a.row, b.row), high = max(a.row, b.row)
                    // Rows whose centre line y = row satisfies low ≤ row < high (half-open: shared vertices count once).
                    let first = max(0, Int(low.rounded(.up))), last = min(grid.height - 1, Int(high.rounded(.up)) - 1)
                    guard first <= last else { continue }
                    for row in first...last {
                        let t = (Double(row) - a.row) / (b.row - a.row)
                        crossings[row, default: []].append(a.column + t * (b.column - a.column))
                    }
                }
            }
        }
        var cells: [Int] = []
        for row in crossings.keys.sorted() {
            let xs = crossings[row]!.sorted()
            for pair in stride(from: 0, to: xs.count - 1, by: 2) {
                // Centres at whole columns c with xs[pair] ≤ c < xs[pair + 1].
                let first = max(0, Int(xs[pair].rounded(.up))), last = min(grid.width - 1, Int(xs[pair + 1].rounded(.up)) - 1)
                if first <= last { cells += (first...last).map { row * grid.width + $0 } }
            }
        }
        return cells
    }
}
