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
    public let method: SpreadMethod
    /// Cell area in km².
    public let cellAreaKm2: Double

    /// Spreads every unit's population over its cells of `grid`: by `settings`' terrain weights (dasymetric)
    /// or evenly. A unit's sum is preserved exactly where its terrain is complete; a unit partly outside
    /// the terrain keeps the share of its area that lies inside. A unit too small to hold a cell centre puts
    /// its residents on the cell under its GEOS point-on-surface.
    public static func spread(
        _ layer: AdminLayer, over grid: TerrainGrid, method: SpreadMethod = .dasymetric,
        settings: DasymetricSettings = DasymetricSettings()
    ) throws(InputError) -> ResidentGrid {
        let shapes = try project(layer, to: grid)
        let weights = method == .dasymetric ? settings.weights(on: grid) : [Float](repeating: 1, count: grid.elevations.count)
        let cellLists = parallelMap(count: shapes.count, chunkSize: 1) { CellRasterizer.cells(of: shapes[$0], on: grid) }
        let cellArea = grid.spacing * grid.spacing
        let gridBounds = MapBounds(
            minX: grid.cornerX, minY: grid.cornerY - Double(grid.height) * grid.spacing,
            maxX: grid.cornerX + Double(grid.width) * grid.spacing, maxY: grid.cornerY
        )
        var placements: [UnitPlacement] = [], unitCells: [[Int]] = [], unitResidents: [[Double]] = []
        for (index, unit) in layer.units.enumerated() {
            let shape = shapes[index]
            var cells = cellLists[index]
            let area: Double
            do { area = try GeometryOperations.area(shape) } catch {
                throw InputError(path: layer.path, reason: "unit '\(unit.id)': \(error.message)")
            }
            let isPoint = cells.isEmpty
            if isPoint, let point = try pointOnSurface(shape, unit: unit, path: layer.path), let cell = grid.cellIndex(containing: point) {
                cells = [cell]
            }
            let valid = cells.filter { !grid.elevations[$0].isNaN }
            let inside = shape.polygons.allSatisfy { $0.exterior.points.allSatisfy(gridBounds.contains) }
            let fraction = valid.isEmpty ? 0
                : inside ? Double(valid.count) / Double(cells.count)
                : min(1, Double(valid.count) * cellArea / max(area, cellArea))
            let placed = fraction == 1 ? unit.population : unit.population * fraction
            let total = valid.reduce(0.0) { $0 + Double(weights[$1]) }
            let weighting: String, residents: [Double]
            if valid.isEmpty {
                (weighting, residents) = ("outside terrain", [])
            } else if isPoint {
                (weighting, residents) = ("point", [placed])
            } else if total > 0 {
                (weighting, residents) = (method.rawValue, valid.map { placed * Double(weights[$0]) / total })
            } else {
                (weighting, residents) = ("uniform", valid.map { _ in placed / Double(valid.count) })
            }
            unitCells.append(valid)
            unitResidents.append(residents)
            placements.append(UnitPlacement(
                cells: valid.count, areaKm2: area / 1e6, terrainFraction: fraction, residents: valid.isEmpty ? 0 : placed,
                weighting: weighting
            ))
        }
        return ResidentGrid(
            layer: layer, placements: placements, unitCells: unitCells, unitResidents: unitResidents, method: method,
            cellAreaKm2: cellArea / 1e6
        )
    }

    /// Residents per grid cell (every unit's residents added up), row-major, for a raster of `cellCount` cells.
    public func residentsPerCell(cellCount: Int) -> [Double] {
        var total = [Double](repeating: 0, count: cellCount)
        for (cells, residents) in zip(unitCells, unitResidents) {
            for (cell, value) in zip(cells, residents) { total[cell] += value }
        }
        return total
    }

    /// Every unit's outline in the grid's CRS.
    private static func project(_ layer: AdminLayer, to grid: TerrainGrid) throws(InputError) -> [MultiPolygon] {
        let transform = CoordinateTransform(from: wgs84, to: grid.crs)
        do {
            return try layer.units.map { unit throws(ProjectionError) in try unit.shape.transformed(by: transform) }
        } catch {
            throw InputError(path: layer.path, reason: "cannot project to \(grid.crs): \(error.message)")
        }
    }

    private static func pointOnSurface(_ shape: MultiPolygon, unit: AdminUnit, path: String) throws(InputError) -> MapPoint? {
        do { return try GeometryOperations.pointOnSurface(shape) } catch {
            throw InputError(path: path, reason: "unit '\(unit.id)': \(error.message)")
        }
    }
}

extension TerrainGrid {
    /// Row-major index of the cell containing `point`; nil outside the grid.
    func cellIndex(containing point: MapPoint) -> Int? {
        let column = Int(((point.x - cornerX) / spacing).rounded(.down))
        let row = Int(((cornerY - point.y) / spacing).rounded(.down))
        guard column >= 0, column < width, row >= 0, row < height else { return nil }
        return row * width + column
    }
}
