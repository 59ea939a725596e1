import Foundation
import Propagation
import Terrain

/// `phusong path --profile-csv`: every point of the path's profile, placed in longitude and latitude (a point layer for
/// a GIS) and with the ray, the earth's bulge and the first Fresnel zone, to draw the path profile an RF engineer checks
/// a hop by.
enum PathProfileCSV {
    static let header =
        "distance_m,longitude,latitude,ground_m,earth_bulge_m,ray_m,fresnel_radius_m,clearance_m,fresnel_fraction"

    /// The CSV's text: a row per profile point; `fresnel_fraction` is empty at the ends, where the zone closes.
    static func text(_ path: TerrainPath) throws(InputError) -> String {
        let count = path.fresnel.points.count, (start, end) = path.ends
        var xs = (0..<count).map { start.x + (end.x - start.x) * Double($0) / Double(count - 1) }
        var ys = (0..<count).map { start.y + (end.y - start.y) * Double($0) / Double(count - 1) }
        do {
            try CoordinateTransform(from: path.grid.crs, to: wgs84).apply(xs: &xs, ys: &ys)
        } catch {
            throw InputError(path: path.request.terrainPath, reason: error.message)
        }
        var lines = [header]
        lines.reserveCapacity(count + 1)
        for (index, point) in path.fresnel.points.enumerated() {
            let fraction = point.fresnelFraction.map { String(format: "%.3f", $0) } ?? ""
            lines.append(
                String(
                    format: "%.1f,%.7f,%.7f,%.2f,%.2f,%.2f,%.2f,%.2f,", point.distance, xs[index], ys[index], point.ground,
                    point.bulge, point.ray, point.fresnelRadius, point.clearance
                ) + fraction
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the CSV to `file` whole or not at all.
    static func write(_ path: TerrainPath, to file: String) throws(InputError) {
        try writeTextFile(try text(path), to: file)
    }
}
