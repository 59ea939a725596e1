import Foundation
import Geometry
import Terrain

/// Where a unit's residents were put on the grid.
public struct UnitPlacement: Sendable, Equatable {
    /// Cells with terrain whose centre lies in the unit.
    public let cells: Int
    /// Area of the outline, km² (GEOS, on the grid's projection).
    public let areaKm2: Double
    /// Share of the unit that has terrain in this run: 1 when every cell it covers has elevations.
    public let terrainFraction: Double
    /// Residents placed on the grid: the population times `terrainFraction` (exactly the population at 1).
    public let residents: Double
    /// How they were spread: "dasymetric", "uniform", "point" (a unit smaller than a cell) or "outside terrain".
    public let weighting: String
}

/// Census populations spread over the terrain: for every unit, its cells and the residents on each.
public struct ResidentGrid: Sendable {
    public let layer: AdminLayer
    public let placements: [UnitPlacement]
    /// Per unit, row-major indices of the grid cells holding its residents (cells with terrain only).
    public let unitCells: [[Int]]
    /// Per unit, the residents on each of `unitCells`.
    public let unitResidents: [[Double]]
    /// Where the residents came from: "dasymetric" or "uniform" spread of the census, "raster" or "settlements".
    public let source: String
    /// Cell area in km².
    public let cellAreaKm2: Double
    /// What the reader should know about residents left out (outside the grid, outside every unit).
    public var notes: [String] = []

    /// Spreads every unit's population over its cells of `grid`: by `settings`' terrain weights (dasymetric)
    /// or evenly. A unit's sum is preserved exactly where its terrain is complete; a unit partly outside
    /// the terrain keeps the share of its area that lies inside. A unit too small to hold a cell centre puts
    /// its residents on the cell under its GEOS point-on-surface.
    public static func spread(
        _ layer: AdminLayer, over grid: TerrainGrid, method: SpreadMethod = .dasymetric,
        settings: DasymetricSettings = DasymetricSettings()
    ) throws(InputError) -> ResidentGrid {
        let weights = method == .dasymetric ? settings.weights(on: grid) : [Float](repeating: 1, count: grid.elevations.count)
        let units = try UnitCells.all(of: layer, on: grid)
        var placements: [UnitPlacement] = [], unitResidents: [[Double]] = []
        for (unit, cells) in zip(layer.units, units) {
            let valid = cells.valid, fraction = cells.terrainFraction
            let placed = valid.isEmpty ? 0 : fraction == 1 ? unit.population : unit.population * fraction
            let total = valid.reduce(0.0) { $0 + Double(weights[$1]) }
            let weighting: String, residents: [Double]
            if valid.isEmpty {
                (weighting, residents) = ("outside terrain", [])
            } else if cells.isPoint {
                (weighting, residents) = ("point", [placed])
            } else if total > 0 {
                (weighting, residents) = (method.rawValue, valid.map { placed * Double(weights[$0]) / total })
            } else {
                (weighting, residents) = ("uniform", valid.map { _ in placed / Double(valid.count) })
            }
            unitResidents.append(residents)
            placements.append(UnitPlacement(
                cells: valid.count, areaKm2: cells.areaKm2, terrainFraction: fraction, residents: placed, weighting: weighting
            ))
        }
        return ResidentGrid(
            layer: layer, placements: placements, unitCells: units.map(\.valid), unitResidents: unitResidents,
            source: method.rawValue, cellAreaKm2: grid.spacing * grid.spacing / 1e6
        )
    }

    /// Residents counted per cell by another source (a population raster, settlement points), grouped by the
    /// unit each cell lies in. Residents outside every unit or on voids are left out (`notes` says how many).
    public static func counted(_ counts: ResidentCounts, in layer: AdminLayer, over grid: TerrainGrid) throws(InputError) -> ResidentGrid {
        let units = try UnitCells.all(of: layer, on: grid, exclusive: true)
        let residents = units.map { $0.valid.map { counts.perCell[$0] } }
        let placements = zip(units, residents).map { cells, values in
            UnitPlacement(
                cells: cells.valid.count, areaKm2: cells.areaKm2, terrainFraction: cells.terrainFraction,
                residents: values.reduce(0, +), weighting: cells.valid.isEmpty ? "outside terrain" : counts.source
            )
        }
        var result = ResidentGrid(
            layer: layer, placements: placements, unitCells: units.map(\.valid), unitResidents: residents,
            source: counts.source, cellAreaKm2: grid.spacing * grid.spacing / 1e6
        )
        let onGrid = counts.perCell.reduce(0, +), inUnits = placements.reduce(0) { $0 + $1.residents }
        result.notes = [
            String(format: "%@ %@: %.1f residents on the grid, %.1f of them in the units; %.1f outside the grid", counts.source, counts.path, onGrid, inUnits, counts.offGrid)
        ]
        return result
    }

    /// Per unit, its residents on the cells (row-major indices) `counted` accepts.
    public func unitResidents(where counted: (Int) -> Bool) -> [Double] {
        zip(unitCells, unitResidents).map { cells, counts in
            zip(cells, counts).reduce(0) { total, cell in counted(cell.0) ? total + cell.1 : total }
        }
    }

    /// Residents per grid cell (every unit's residents added up), row-major, for a raster of `cellCount` cells.
    public func residentsPerCell(cellCount: Int) -> [Double] {
        residentsPerCell(cellCount: cellCount) { _ in 1 }
    }

    /// Residents per grid cell as `plan` weighs them: each × `priorityFactor` of its unit.
    public func weightedResidentsPerCell(cellCount: Int) -> [Double] {
        residentsPerCell(cellCount: cellCount, factor: priorityFactor)
    }

    /// What each resident of `unit` counts for in `plan`'s objective: 1 + its priority weight.
    public func priorityFactor(_ unit: Int) -> Double { 1 + layer.units[unit].priorityWeight }

    /// Residents per grid cell, each unit's × `factor(unit)`.
    private func residentsPerCell(cellCount: Int, factor: (Int) -> Double) -> [Double] {
        var total = [Double](repeating: 0, count: cellCount)
        for (unit, (cells, residents)) in zip(unitCells, unitResidents).enumerated() {
            let weight = factor(unit)
            for (cell, value) in zip(cells, residents) { total[cell] += value * weight }
        }
        return total
    }
}
