import CGDAL
import Foundation

/// An OGR vector dataset opened read-only, closed with this object.
package final class VectorDataset {
    private let raw: GDALDatasetH
    /// The input as the user named it, layer included (`VectorSource`).
    package let path: String
    /// The layer the user named; nil to choose by content (`layers(holding:)`).
    private let choice: LayerChoice?

    /// Opens the file `path` names (`VectorSource`: a file, or a file and a layer); `options` are OGR open
    /// options (e.g. `X_POSSIBLE_NAMES=lon` for a CSV of points).
    package init(path: String, options: [String] = []) throws(InputError) {
        registerGDAL()
        let source = VectorSource(path), file = source.file
        choice = try source.layer()
        guard source.fileExists else { throw InputError(path: file, reason: "no such file") }
        CPLErrorReset()
        let flags = UInt32(GDAL_OF_VECTOR) | UInt32(GDAL_OF_READONLY)
        func open(_ name: String) -> GDALDatasetH? { withGDALOpenOptions(options) { GDALOpenEx(name, flags, nil, $0, nil) } }
        // A `.txt` whose first line has tabs is a table as measurement apps and spreadsheets export it, which GDAL's CSV
        // driver reads when asked to.
        guard let dataset = open(file) ?? (Self.isTabDelimitedText(file) ? open("CSV:" + file) : nil) else {
            let reason = lastGDALError(or: "not a vector layer GDAL/OGR can read")
            guard !opens(file, as: UInt32(GDAL_OF_RASTER)) else {
                throw InputError(path: file, reason: "is a raster, not a vector layer of points or polygons")
            }
            throw InputError(path: file, reason: reason)
        }
        raw = dataset
        self.path = path
        if driverName == "ESRI Shapefile", file.lowercased().hasSuffix(".shp"),
            !fileList(of: dataset).contains(where: { $0.lowercased().hasSuffix(".dbf") })
        {
            let table = (file as NSString).deletingPathExtension + ".dbf"
            throw InputError(
                path: path,
                reason: "the Shapefile's attribute table \((table as NSString).lastPathComponent) is missing beside it "
                    + "(copy the .shp with its .shx, .dbf and .prj)"
            )
        }
    }

    deinit { GDALClose(raw) }

    /// Whether `file` is a `.txt` whose first line holds a tab.
    private static func isTabDelimitedText(_ file: String) -> Bool {
        guard file.lowercased().hasSuffix(".txt"), let handle = FileHandle(forReadingAtPath: file) else { return false }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: 65_536)) ?? Data()
        return start.prefix { $0 != UInt8(ascii: "\n") }.contains(UInt8(ascii: "\t"))
    }

    /// The layers to read for features of `content`: the layer the user named; else the dataset's only layer;
    /// every layer of a KML or KMZ (its folders); else the one layer declared to hold that geometry (or, failing
    /// any, the one of unknown geometry). Several such layers, or none, is an error naming them all and how to
    /// name the one to read: which it is, is the user's choice. So is a table without geometry.
    package func layers(holding content: LayerContent) throws(InputError) -> [OGRLayerH] {
        let layers = try chosenLayers(for: content)
        guard layers.allSatisfy({ OGR_FD_GetGeomFieldCount(OGR_L_GetLayerDefn($0)) > 0 }) else {
            throw InputError(path: path, reason: "is a table without geometry, not \(content.rawValue): \(content.tableHint)")
        }
        return layers
    }

    private func chosenLayers(for content: LayerContent) throws(InputError) -> [OGRLayerH] {
        let all = (0..<GDALDatasetGetLayerCount(raw)).compactMap { GDALDatasetGetLayer(raw, $0) }
        guard !all.isEmpty else { throw InputError(path: path, reason: "holds no vector layer") }
        let names = all.map { String(cString: OGR_L_GetName($0)) }
        let types = all.map { OGR_GT_Flatten(OGR_L_GetGeomType($0)) }
        let listed = all.indices.map { "\(names[$0]) (\(String(cString: OGRGeometryTypeToName(types[$0]))))" }.joined(separator: ", ")
        switch choice {
        case .named(let name):
            guard let index = names.firstIndex(of: name) else { throw InputError(path: path, reason: "has no layer '\(name)'; its layers: \(listed)") }
            return [all[index]]
        case .index(let index):
            guard all.indices.contains(index) else {
                throw InputError(path: path, reason: "has no layer \(index) (it holds \(all.count), from 0): \(listed)")
            }
            return [all[index]]
        case nil:
            break
        }
        if all.count == 1 || ["LIBKML", "KML"].contains(driverName) { return all }
        let declared = all.indices.filter { content.geometries.contains(types[$0]) }
        let candidates = declared.isEmpty ? all.indices.filter { types[$0] == wkbUnknown } : declared
        guard candidates.count == 1 else {
            let example = candidates.first.map { names[$0] } ?? names[0]
            throw InputError(
                path: path,
                reason: "holds \(all.count) layers, \(candidates.isEmpty ? "none" : "\(candidates.count)") of \(content.rawValue): \(listed); "
                    + "name the one to read after the file, e.g. '\(path)|layername=\(example)' (quoted in a shell)"
            )
        }
        return [all[candidates[0]]]
    }

    /// The short name of the driver that read the dataset ("GPKG", "ESRI Shapefile", "CSV", …).
    package var driverName: String {
        GDALGetDatasetDriver(raw).flatMap { GDALGetDriverShortName($0) }.map { String(cString: $0) } ?? ""
    }
}

/// The kind of features a reader takes from a vector dataset.
package enum LayerContent: String {
    case points, polygons, lines

    /// How a table gets such geometry, for a table without any.
    var tableHint: String {
        switch self {
        case .points: "a CSV of points needs lon and lat (longitude and latitude, or x and y) columns"
        case .polygons: "a CSV of polygons needs a WKT column; points with residents (lon, lat, population) are settlements (--settlements)"
        case .lines: "a CSV of lines needs a WKT column"
        }
    }

    var geometries: [OGRwkbGeometryType] {
        switch self {
        case .points: [wkbPoint, wkbMultiPoint]
        case .polygons: [wkbPolygon, wkbMultiPolygon]
        case .lines: [wkbLineString, wkbMultiLineString]
        }
    }
}

/// The names of `layer`'s fields, in order.
package func fieldNames(of layer: OGRLayerH) -> [String] {
    let definition = OGR_L_GetLayerDefn(layer)
    return (0..<OGR_FD_GetFieldCount(definition)).map { index in
        OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(definition, index)).map { String(cString: $0) } ?? ""
    }
}

/// The index among `fieldNames` of the attribute `name`: the field of that name, case aside, or else one of exactly
/// 10 characters that `name` begins with (how a Shapefile's DBF cuts longer names: `district_id` is stored as
/// `district_i`).
package func fieldIndex(of name: String, among fieldNames: [String]) -> Int? {
    let wanted = name.lowercased(), lowered = fieldNames.map { $0.lowercased() }
    return lowered.firstIndex(of: wanted) ?? lowered.firstIndex { $0.count == 10 && wanted.hasPrefix($0) }
}

/// The CRS `layer` declares, as WKT; nil when it declares none.
package func declaredCRS(of layer: OGRLayerH) -> String? {
    OGR_L_GetSpatialRef(layer).flatMap(wkt(of:))
}

/// Refuses a coordinate of a layer in a geographic CRS (or none, WGS84 then assumed) that cannot be a
/// longitude/latitude: the layer's real CRS is another one.
package func checkLongitudesLatitudes(_ points: [MapPoint], crsWKT: String?, path: String, feature: Int? = nil) throws(InputError) {
    guard crsWKT.map(isGeographic) ?? true, let wrong = points.first(where: { abs($0.x) > 180 || abs($0.y) > 90 }) else { return }
    throw InputError(
        path: path,
        reason: (feature.map { "feature \($0): " } ?? "")
            + "coordinate (\(wrong.x), \(wrong.y)) is not a longitude/latitude, but the layer's CRS is "
            + (crsWKT == nil ? "not given (WGS84 assumed)" : "geographic") + ": CRS mismatch — declare the layer's real CRS"
    )
}
