@testable import Coverage
import Terrain
import TestSupport
import Testing

@Suite("Disc without terrain")
struct DiscTerrainTests {
    @Test("The share of a site's disc without terrain counts cells off the grid and voids, as every cell centre checked one by one")
    func shareMatchesCellByCell() {
        var random = SeededGenerator(seed: 11)
        let width = 40, height = 30
        let elevations = (0..<(width * height)).map { _ in random.unit() < 0.2 ? Float.nan : Float(random.unit() * 500) }
        let grid = TerrainGrid(epsg: 32648, width: width, height: height, spacing: 30, cornerX: 0, cornerY: 0, elevations: elevations)
        for _ in 0..<50 {
            // Sites inside, near the edges and beyond them; discs from two cells to wider than the grid.
            let place = (column: random.unit() * 60 - 10, row: random.unit() * 50 - 10), reach = 2 + random.unit() * 40
            var cells = 0, without = 0
            for row in -60...90 {
                for column in -60...100 {
                    let dx = Double(column) - place.column, dy = Double(row) - place.row
                    guard dx * dx + dy * dy <= reach * reach else { continue }
                    cells += 1
                    let onGrid = (0..<width).contains(column) && (0..<height).contains(row)
                    if !onGrid || grid[column, row].isNaN { without += 1 }
                }
            }
            let share = DiscTerrain.shareWithout(around: place, reach: reach, grid: grid)
            #expect(abs(share - Double(without) / Double(cells)) < 1e-12, "\(place), \(reach)")
        }
    }

    @Test("A site is warned from 1 % of its disc without terrain, with the share and the radius")
    func warningFromOnePercent() {
        #expect(DiscTerrain.warning(share: 0.0099, radius: 30_000) == nil)
        #expect(DiscTerrain.warning(share: 0.25, radius: 30_000)
            == "25.0 % of the area within 30.0 km has no terrain (beyond the DEM or void): the site covers nothing there")
    }
}
