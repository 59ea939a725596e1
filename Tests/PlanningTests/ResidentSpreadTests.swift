import Foundation
import Geometry
@testable import Planning
import Terrain
import TestSupport
import Testing

@Suite("Residents spread over real terrain (Lào Cai communes, Bát Xát DEM)", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct ResidentSpreadTests {
    let communes = SharedData.path("population/laocai_communes_census2009.geojson")

    @Test("Every commune's residents add up to its population on the terrain; whole communes keep the census figure")
    func sumsPreserved() throws {
        let layer = try AdminLayer.load(communes)
        #expect(layer.units.count == 164 && layer.repairs.isEmpty)
        #expect(layer.units.reduce(0) { $0 + $1.population } == 516_058)
        let grid = try batXatGrid(for: layer)
        for method in SpreadMethod.allCases {
            let spread = try ResidentGrid.spread(layer, over: grid, method: method)
            var whole = 0
            for (index, placement) in spread.placements.enumerated() {
                let sum = spread.unitResidents[index].reduce(0, +)
                #expect(abs(sum - placement.residents) <= 1e-9 * max(1, placement.residents), "\(layer.units[index].id)")
                #expect(placement.terrainFraction >= 0 && placement.terrainFraction <= 1)
                if placement.terrainFraction == 1 {
                    whole += 1
                    #expect(placement.residents == layer.units[index].population)
                }
            }
            let batXat = try #require(layer.units.firstIndex { $0.name == "Bat Xat" })
            #expect(spread.placements[batXat].terrainFraction == 1, "Bát Xát town lies wholly on the DEM")
            #expect(whole >= 1)
            #expect(spread.placements.filter { $0.cells > 0 }.count >= 11, "the 11 communes whose label point is on the DEM, at least")
            let perCell = spread.residentsPerCell(cellCount: grid.elevations.count)
            #expect(abs(perCell.reduce(0, +) - spread.placements.reduce(0) { $0 + $1.residents }) < 1e-6)
        }
    }

    @Test("Dasymetric spreading puts residents on gentler, lower ground than uniform spreading")
    func dasymetricFavoursValleys() throws {
        let layer = try AdminLayer.load(communes)
        let grid = try batXatGrid(for: layer)
        let settings = DasymetricSettings()
        let slopes = settings.slopeDegrees(of: grid), floor = settings.valleyFloor(of: grid)
        func means(_ spread: ResidentGrid) -> (slope: Double, relief: Double) {
            var slope = 0.0, relief = 0.0, people = 0.0
            for (cells, residents) in zip(spread.unitCells, spread.unitResidents) {
                for (cell, value) in zip(cells, residents) {
                    slope += value * slopes[cell]
                    relief += value * Double(grid.elevations[cell] - floor[cell])
                    people += value
                }
            }
            return (slope / people, relief / people)
        }
        let uniform = means(try ResidentGrid.spread(layer, over: grid, method: .uniform))
        let dasymetric = means(try ResidentGrid.spread(layer, over: grid, method: .dasymetric, settings: settings))
        #expect(dasymetric.slope < 0.8 * uniform.slope, "\(dasymetric) vs \(uniform)")
        #expect(dasymetric.relief < 0.6 * uniform.relief, "\(dasymetric) vs \(uniform)")
        #expect(slopes.allSatisfy { $0 >= 0 && $0 < 90 })
    }

    @Test("The valley floor is the lowest cell of the square around each cell (sliding minimum against brute force)")
    func slidingMinimumMatchesBruteForce() {
        var generator = SeededGenerator(seed: 7)
        for reach in [0, 1, 2, 5, 17] {
            let values = (0..<97).map { _ in Float.random(in: 0...1_000, using: &generator) }
            let expected = values.indices.map { index in
                values[max(0, index - reach)...min(values.count - 1, index + reach)].min()!
            }
            #expect(slidingMinimum(values, reach: reach) == expected, "reach \(reach)")
        }
    }

    @Test("A valley radius wider than the grid makes the grid's lowest cell every cell's floor (10¹² m had trapped allocating)")
    func valleyRadiusBeyondTheGrid() throws {
        let layer = try AdminLayer.load(communes)
        let grid = try batXatGrid(for: layer)
        let lowest = try #require(grid.elevations.filter { !$0.isNaN }.min())
        for radius in [1e12, Double.infinity] {
            let floor = DasymetricSettings(valleyRadiusM: radius).valleyFloor(of: grid)
            #expect(floor.count == grid.elevations.count && floor.allSatisfy { $0 == lowest }, "\(radius)")
        }
    }
}
