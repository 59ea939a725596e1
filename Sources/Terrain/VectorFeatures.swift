import CGDAL

/// The features of any vector file GDAL/OGR reads (GeoPackage, Shapefile, KML, FlatGeobuf, GeoJSON, a CSV, …): each
/// one's geometry, in the layer's CRS, as a reader makes it, and the attributes asked for, as text.
package struct VectorFeatures<Shape> {
    package struct Feature {
        /// 1-based, in file order.
        package let number: Int
        package let shape: Shape
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

    /// Reads every feature of the layer of `path` holding `content` (of each folder of a KML: `VectorDataset.layers`),
    /// with the attributes `names` matched to fields by `fieldIndex` (case aside; a Shapefile's names cut to 10
    /// characters). `shape` makes a feature's geometry from its OGR geometry, its number and the driver's name, or
    /// refuses it.
    package init(
        path: String, options: [String] = [], content: LayerContent, attributes names: [String],
        shape: (_ geometry: OGRGeometryH?, _ number: Int, _ driver: String) throws(InputError) -> Shape
    ) throws(InputError) {
        let dataset = try VectorDataset(path: path, options: options)
        let layers = try dataset.layers(holding: content)
        let crs = layers.map(declaredCRS(of:))
        guard Set(crs.map { $0 ?? "" }).count == 1 else { throw InputError(path: path, reason: "its layers declare different CRSs") }
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
                let made = try shape(OGR_F_GetGeometryRef(feature), number, dataset.driverName)
                var attributes: [String: String] = [:]
                for (name, index) in columns where OGR_F_IsFieldSetAndNotNull(feature, index) != 0 {
                    attributes[name] = String(cString: OGR_F_GetFieldAsString(feature, index)).trimmingCharacters(in: .whitespaces)
                }
                features.append(Feature(number: number, shape: made, attributes: attributes))
            }
        }
        self.path = path
        crsWKT = crs[0]
        self.fieldNames = fieldNames
        foundAttributes = found
        self.features = features
    }

    /// `points` of this layer in `crs`; refuses coordinates that cannot be longitudes/latitudes in a layer whose CRS
    /// is geographic or not given.
    package func transformed(_ points: [MapPoint], to crs: String, feature: Int? = nil) throws(InputError) -> [MapPoint] {
        try checkLongitudesLatitudes(points, crsWKT: crsWKT, path: path, feature: feature)
        let source = crsWKT ?? wgs84
        guard source != crs else { return points }
        do { return try CoordinateTransform(from: source, to: crs).apply(points) } catch {
            throw InputError(path: path, reason: "cannot transform coordinates: \(error.message)")
        }
    }
}

/// The name of an OGR geometry's type ("LineString", "Point", …), or nil for none.
func geometryTypeName(_ geometry: OGRGeometryH?) -> String? {
    geometry.map { String(cString: OGRGeometryTypeToName(OGR_G_GetGeometryType($0))) }
}
