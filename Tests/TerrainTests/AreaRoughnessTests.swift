import Foundation
import Terrain
import TestSupport
import Testing

@Suite("P.530's area roughness s_a: the standard deviation of heights in a square", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct AreaRoughnessTests {
    @Test("On N44W072 cut at 1 km, with a void patch and squares running off the grid, s_a is the standard deviation of the cells counted one by one")
    func againstCounting() throws {
        let loaded = try DEMSource.open(SharedData.path("terrain/N44W072.hgt")).metricGrid(
            around: [GeoPoint(latitude: 44.5, longitude: -71.5)], radius: 55_000, resolution: 1_000, policy: VoidPolicy(maxVoidFraction: 1)
        )
        var grid = loaded.grid
        for row in 40..<55 { for column in 30..<60 { grid.elevations[row * grid.width + column] = .nan } }
        let roughness = AreaRoughness(grid)
        let centre = grid.center(column: grid.width / 2, row: grid.height / 2)
        for (dx, dy, halfSide) in [(0.0, 0.0, 55_000.0), (20_000, -35_000, 55_000), (-48_000, 40_000, 30_000), (3_000, 5_000, 10_000)] {
            let point = MapPoint(x: centre.x + dx, y: centre.y + dy)
            var heights: [Double] = []
            for row in 0..<grid.height {
                for column in 0..<grid.width {
                    let cell = grid.center(column: column, row: row), height = grid.elevations[row * grid.width + column]
                    if abs(cell.x - point.x) <= halfSide, abs(cell.y - point.y) <= halfSide, !height.isNaN { heights.append(Double(height)) }
                }
            }
            let mean = heights.reduce(0, +) / Double(heights.count)
            let expected = (heights.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(heights.count)).squareRoot()
            let measured = try #require(roughness.standardDeviation(around: point, halfSide: halfSide))
            #expect(abs(measured - expected) < 1e-6 * expected && expected > 50, "\(dx), \(dy), \(halfSide): \(measured) against \(expected)")
        }
        #expect(roughness.standardDeviation(around: MapPoint(x: centre.x + 500_000, y: centre.y), halfSide: 55_000) == nil)
    }
}
