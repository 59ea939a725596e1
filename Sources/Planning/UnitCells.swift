import Geometry
import Terrain

/// The cells of the grid that belong to one administrative unit, and how much of the unit has terrain.
struct UnitCells {
    /// Row-major indices of the unit's cells that have elevations.
    let valid: [Int]
    /// 1 when every cell the unit covers has elevations; for a unit reaching beyond the grid, the share of its
    /// area on cells with elevations; 0 when none has.
    let terrainFraction: Double
    /// Area of the outline on the grid's projection, km².
    let areaKm2: Double
    /// True when the unit holds no cell centre and stands for the cell under its point-on-surface.
    let isPoint: Bool

    /// Every unit of `layer` on `grid` (outlines projected with PROJ, cells found in parallel). With `exclusive`,
    /// a cell that two overlapping outlines both hold belongs to the first unit only (so counted residents are
    /// never counted twice).
    static func all(of layer: AdminLayer, on grid: TerrainGrid, exclusive: Bool = false) throws(InputError) -> [UnitCells] {
        let toGrid = CoordinateTransform(from: wgs84, to: grid.crs)
        let shapes: [MultiPolygon]
        do {
            shapes = try layer.units.map { unit throws(ProjectionError) in try unit.shape.transformed(by: toGrid) }
        } catch {
            throw InputError(path: layer.path, reason: "cannot project to \(grid.crs): \(error.message)")
        }
        let cellLists = parallelMap(count: shapes.count, chunkSize: 1) { CellRasterizer.cells(of: shapes[$0], on: grid) }
        let cellArea = grid.spacing * grid.spacing
        let gridBounds = MapBounds(
            minX: grid.cornerX, minY: grid.cornerY - Double(grid.height) * grid.spacing,
            maxX: grid.cornerX + Double(grid.width) * grid.spacing, maxY: grid.cornerY
        )
        var result: [UnitCells] = [], claimed = Set<Int>()
        for (index, shape) in shapes.enumerated() {
            let unit = layer.units[index]
            var cells = exclusive ? cellLists[index].filter { !claimed.contains($0) } : cellLists[index]
            let area: Double, point: MapPoint?
            do {
                area = try GeometryOperations.area(shape)
                point = cells.isEmpty ? try GeometryOperations.pointOnSurface(shape) : nil
            } catch {
                throw InputError(path: layer.path, reason: "unit '\(unit.id)': \(error.message)")
            }
            if let point, let cell = grid.cellIndex(containing: point), !exclusive || !claimed.contains(cell) { cells = [cell] }
            if exclusive { claimed.formUnion(cells) }
            let valid = cells.filter { !grid.elevations[$0].isNaN }
            let inside = shape.polygons.allSatisfy { $0.exterior.points.allSatisfy(gridBounds.contains) }
            let fraction = valid.isEmpty ? 0
                : inside ? Double(valid.count) / Double(cells.count)
                : min(1, Double(valid.count) * cellArea / max(area, cellArea))
            result.append(UnitCells(valid: valid, terrainFraction: fraction, areaKm2: area / 1e6, isPoint: point != nil))
        }
        return result
    }
}
