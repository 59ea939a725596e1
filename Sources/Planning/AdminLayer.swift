import CGDAL
import Foundation
import Geometry
import Terrain

/// Administrative units read from any vector layer OGR opens (GeoJSON, Shapefile, GeoPackage, …),
/// in WGS84, with every invalid outline repaired by GEOS make-valid and reported.
public struct AdminLayer: Sendable {
    /// The file as the user gave it.
    public let path: String
    public let units: [AdminUnit]
    /// One line per outline that had to be repaired: which unit and GEOS's reason.
    public let repairs: [String]

    /// Longitude/latitude bounds of all units.
    public var bounds: MapBounds {
        MapBounds(enclosing: units.flatMap { $0.shape.polygons.flatMap(\.exterior.points) })
            ?? MapBounds(minX: 0, minY: 0, maxX: 0, maxY: 0)
    }

    public init(path: String, units: [AdminUnit], repairs: [String]) {
        self.path = path
        self.units = units
        self.repairs = repairs
    }

    /// Reads the polygon layer of `path` (every folder of a KML). Missing attributes, non-polygon features,
    /// negative populations, duplicate ids and coordinates that do not fit the declared CRS are `InputError`s naming
    /// the file.
    public static func load(_ path: String, fields: AdminFields = AdminFields()) throws(InputError) -> AdminLayer {
        let dataset = try VectorDataset(path: path)
        var units: [AdminUnit] = [], repairs: [String] = [], seen = Set<String>()
        for layer in try dataset.layers(holding: .polygons) {
            let source = try OGRFeatureReader(layer: layer, path: path, fields: fields, numberedAfter: units.count)
            while let feature = try source.next() {
                guard seen.insert(feature.unit.id).inserted else {
                    throw InputError(path: path, reason: "feature \(feature.number): \(fields.id) '\(feature.unit.id)' appears twice")
                }
                let unit = feature.unit
                let (repaired, repair) = try validPolygons(
                    try source.shapes.toWGS84(unit.shape, feature: feature.number), label: "\(fields.id) '\(unit.id)' (\(unit.name))",
                    path: path
                )
                if let repair { repairs.append(repair) }
                units.append(AdminUnit(
                    id: unit.id, name: unit.name, district: unit.district, province: unit.province,
                    population: unit.population, priorityWeight: unit.priorityWeight, shape: repaired
                ))
            }
        }
        guard !units.isEmpty else { throw InputError(path: path, reason: "layer has no features") }
        return AdminLayer(path: path, units: units, repairs: repairs)
    }
}
