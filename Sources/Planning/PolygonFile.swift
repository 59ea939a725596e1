import CGDAL
import Geometry
import Terrain

/// A polygon layer read as one shape: e.g. a coverage footprint claimed by an operator.
public struct PolygonFile: Sendable {
    public let path: String
    /// The union of every feature, in WGS84 (x = longitude, y = latitude).
    public let shape: MultiPolygon
    /// One line per feature whose outline had to be repaired.
    public let repairs: [String]

    /// Reads every polygon feature of the polygon layer of `path` (any OGR format; every folder of a KML), repairs
    /// invalid outlines with GEOS make-valid and unions them.
    public static func load(_ path: String) throws(InputError) -> PolygonFile {
        let dataset = try VectorDataset(path: path)
        var parts: [MultiPolygon] = [], repairs: [String] = [], number = 0
        for layer in try dataset.layers(holding: .polygons) {
            let shapes = OGRShapes(layer: layer, path: path)
            OGR_L_ResetReading(layer)
            while let feature = OGR_L_GetNextFeature(layer) {
                defer { OGR_F_Destroy(feature) }
                number += 1
                let outline = try shapes.outline(OGR_F_GetGeometryRef(feature), feature: number, id: "#\(number)")
                let (valid, repair) = try validPolygons(try shapes.toWGS84(outline, feature: number), label: "feature \(number)", path: path)
                parts.append(valid)
                if let repair { repairs.append(repair) }
            }
        }
        guard !parts.isEmpty else { throw InputError(path: path, reason: "layer has no features") }
        do {
            return PolygonFile(path: path, shape: try GeometryOperations.union(parts), repairs: repairs)
        } catch {
            throw InputError(path: path, reason: error.message)
        }
    }
}

/// `shape` itself when valid, else its GEOS make-valid repair and a line saying what was wrong with `label`.
func validPolygons(_ shape: MultiPolygon, label: String, path: String) throws(InputError) -> (MultiPolygon, String?) {
    do {
        guard let reason = try GeometryOperations.invalidityReason(shape) else { return (shape, nil) }
        return (try GeometryOperations.makeValid(shape), "\(label): \(reason); repaired with GEOS make-valid")
    } catch {
        throw InputError(path: path, reason: "\(label): \(error.message)")
    }
}
