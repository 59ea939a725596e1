import CGDAL
import Foundation
import Terrain

/// Residents per grid cell counted from a source that already says where people live: a population raster
/// (people per pixel, any GDAL raster and CRS) or settlement points with a population.
public struct ResidentCounts: Sendable {
    /// "raster" or "settlements".
    public let source: String
    public let path: String
    /// Residents per grid cell, row-major.
    public let perCell: [Double]
    /// Residents of the source that lie outside the grid (not counted).
    public let offGrid: Double

    /// Sums a population raster onto the grid. Each pixel is split into k × k equal parts (k = its size over the
    /// cell size, at most 16), each added to the cell under it, so totals are kept and coarse pixels spread.
    /// Nodata, NaN and negative pixels count as nobody.
    public static func raster(_ path: String, on grid: TerrainGrid) throws(InputError) -> ResidentCounts {
        let source = try DEMSource.open(path)
        let frame = try source.describe().frame
        let toSource = CoordinateTransform(from: grid.crs, to: frame.crsWKT)
        let corners = try transform(toSource, gridOutline(grid), path: path)
        guard let bounds = MapBounds(enclosing: corners), let window = try source.read(covering: bounds, holding: .quantities) else {
            return ResidentCounts(source: "raster", path: path, perCell: Array(repeating: 0, count: grid.elevations.count), offGrid: 0)
        }
        let parts = min(16, max(1, Int((frame.nativeSpacing / grid.spacing).rounded(.up))))
        var points: [MapPoint] = [], shares: [Double] = []
        for row in 0..<window.height {
            for column in 0..<window.width {
                let value = window.values[row * window.width + column]
                guard value.isFinite, value > 0 else { continue }
                let share = Double(value) / Double(parts * parts)
                for sy in 0..<parts {
                    for sx in 0..<parts {
                        points.append(MapPoint(
                            x: window.frame.cornerX + (Double(column) + (Double(sx) + 0.5) / Double(parts)) * frame.pixelWidth,
                            y: window.frame.cornerY - (Double(row) + (Double(sy) + 0.5) / Double(parts)) * frame.pixelHeight
                        ))
                        shares.append(share)
                    }
                }
            }
        }
        let onGrid = try transform(toSource.inverse, points, path: path)
        return accumulate(onGrid, shares, grid: grid, source: "raster", path: path)
    }

    /// Adds settlement points (any OGR point layer; a CSV needs lon/lat or longitude/latitude or x/y columns)
    /// to the cell each lies in; `field` holds the number of residents.
    public static func settlements(_ path: String, field: String = "population", on grid: TerrainGrid) throws(InputError) -> ResidentCounts {
        let layer = try PointLayer(
            path: path, options: PointLayer.csvCoordinateOptions,
            attributes: [field]
        )
        guard layer.foundAttributes.contains(field) else {
            throw InputError(path: path, reason: "missing attribute '\(field)' (the layer has: \(layer.fieldNames.joined(separator: ", ")))")
        }
        let residents = try layer.features.map { feature throws(InputError) in
            let text = feature.attributes[field] ?? ""
            guard let value = Double(text), value >= 0, value.isFinite else {
                throw InputError(path: path, reason: "feature \(feature.number): '\(field)' = '\(text)' is not a number ≥ 0")
            }
            return value
        }
        let onGrid = try layer.positions(in: grid.crs)
        return accumulate(onGrid, residents, grid: grid, source: "settlements", path: path)
    }

    private static func accumulate(_ points: [MapPoint], _ residents: [Double], grid: TerrainGrid, source: String, path: String) -> ResidentCounts {
        var perCell = [Double](repeating: 0, count: grid.elevations.count), offGrid = 0.0
        for (point, value) in zip(points, residents) {
            if let cell = grid.cellIndex(containing: point) { perCell[cell] += value } else { offGrid += value }
        }
        return ResidentCounts(source: source, path: path, perCell: perCell, offGrid: offGrid)
    }

    private static func gridOutline(_ grid: TerrainGrid) -> [MapPoint] {
        let right = grid.cornerX + Double(grid.width) * grid.spacing, bottom = grid.cornerY - Double(grid.height) * grid.spacing
        return (0...16).flatMap { step -> [MapPoint] in
            let t = Double(step) / 16
            let x = grid.cornerX + (right - grid.cornerX) * t, y = bottom + (grid.cornerY - bottom) * t
            return [MapPoint(x: x, y: grid.cornerY), MapPoint(x: x, y: bottom), MapPoint(x: grid.cornerX, y: y), MapPoint(x: right, y: y)]
        }
    }

    private static func transform(_ transform: CoordinateTransform, _ points: [MapPoint], path: String) throws(InputError) -> [MapPoint] {
        do { return try transform.apply(points) } catch {
            throw InputError(path: path, reason: "cannot transform coordinates: \(error.message)")
        }
    }
}
