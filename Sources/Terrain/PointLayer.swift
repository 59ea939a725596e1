import CGDAL
import Foundation

/// The point features of any vector file GDAL/OGR reads (GeoPackage, Shapefile, KML, FlatGeobuf, GeoJSON, a CSV
/// with coordinate columns, …): each position in the layer's CRS and the attributes asked for, as text.
package struct PointLayer {
    package struct Feature {
        /// 1-based, in file order.
        package let number: Int
        package let position: MapPoint
        /// Text by the attribute name asked for; fields unset or null are absent.
        package let attributes: [String: String]
    }

    package let path: String
    /// The layer's CRS as WKT; nil when it declares none (WGS84 is then assumed).
    package let crsWKT: String?
    /// The layer's own field names, for messages.
    package let fieldNames: [String]
    /// The attribute names asked for that matched a field.
    package let foundAttributes: Set<String>
    package let features: [Feature]

    /// Reads every feature of the point layer of `path` (of each folder of a KML: `VectorDataset.layers`), with the
    /// attributes `names` matched to fields by `fieldIndex` (case aside; a Shapefile's names cut to 10 characters).
    package init(path: String, options: [String] = [], attributes names: [String]) throws(InputError) {
        let dataset = try VectorDataset(path: path, options: options)
        let layers = try dataset.layers(holding: .points)
        let crs = layers.map(declaredCRS(of:))
        guard Set(crs.map { $0 ?? "" }).count == 1 else { throw InputError(path: path, reason: "its layers declare different CRSs") }
        let coordinateHint = dataset.driverName == "CSV" ? " (a CSV needs lon and lat columns)" : ""
        var features: [Feature] = [], fieldNames: [String] = [], found = Set<String>()
        for layer in layers {
            let layerFields = Terrain.fieldNames(of: layer)
            fieldNames += layerFields.filter { !fieldNames.contains($0) }
            let columns: [(name: String, index: Int32)] = names.compactMap { name in
                fieldIndex(of: name, among: layerFields).map { (name, Int32($0)) }
            }
            found.formUnion(columns.map(\.name))
            OGR_L_ResetReading(layer)
            while let feature = OGR_L_GetNextFeature(layer) {
                defer { OGR_F_Destroy(feature) }
                let number = features.count + 1
                guard let position = Self.position(of: OGR_F_GetGeometryRef(feature)) else {
                    let type = OGR_F_GetGeometryRef(feature).map { String(cString: OGRGeometryTypeToName(OGR_G_GetGeometryType($0))) }
                    throw InputError(
                        path: path, reason: "feature \(number) is \(type.map { "a \($0)" } ?? "without geometry"), not a point\(coordinateHint)"
                    )
                }
                guard position.x.isFinite, position.y.isFinite else {
                    throw InputError(path: path, reason: "feature \(number) has a coordinate that is not a finite number")
                }
                var attributes: [String: String] = [:]
                for (name, index) in columns where OGR_F_IsFieldSetAndNotNull(feature, index) != 0 {
                    attributes[name] = String(cString: OGR_F_GetFieldAsString(feature, index)).trimmingCharacters(in: .whitespaces)
                }
                features.append(Feature(number: number, position: position, attributes: attributes))
            }
        }
        self.path = path
        crsWKT = crs[0]
        self.fieldNames = fieldNames
        foundAttributes = found
        self.features = features
    }

    /// Every feature's position in `crs`; refuses coordinates that cannot be longitudes/latitudes in a layer
    /// whose CRS is geographic or not given.
    package func positions(in crs: String) throws(InputError) -> [MapPoint] {
        let points = features.map(\.position)
        try checkLongitudesLatitudes(points, crsWKT: crsWKT, path: path)
        guard let crsWKT else { return try transformed(points, from: wgs84, to: crs) }
        return try transformed(points, from: crsWKT, to: crs)
    }

    private func transformed(_ points: [MapPoint], from source: String, to target: String) throws(InputError) -> [MapPoint] {
        guard source != target else { return points }
        do { return try CoordinateTransform(from: source, to: target).apply(points) } catch {
            throw InputError(path: path, reason: "cannot transform coordinates: \(error.message)")
        }
    }

    /// A point's position, or a multipoint's when it holds exactly one (some tools write every point layer as
    /// multipoints); nil for any other geometry or none.
    private static func position(of geometry: OGRGeometryH?) -> MapPoint? {
        guard let geometry, OGR_G_IsEmpty(geometry) == 0 else { return nil }
        switch OGR_GT_Flatten(OGR_G_GetGeometryType(geometry)) {
        case wkbPoint:
            return MapPoint(x: OGR_G_GetX(geometry, 0), y: OGR_G_GetY(geometry, 0))
        case wkbMultiPoint where OGR_G_GetGeometryCount(geometry) == 1:
            return position(of: OGR_G_GetGeometryRef(geometry, 0))
        default:
            return nil
        }
    }
}
