import CGDAL
import Geometry
import Terrain

/// Writes feature tables as the layers of one GeoPackage (OGC), through GDAL's GPKG driver: each layer in its own CRS,
/// its columns typed (`FeatureTable.ColumnType`), all rows of a layer in one transaction.
public enum GeoPackageWriter {
    /// Creates `path` (which must not exist) holding `tables`, one layer each, in order, and `styles` (QGIS QML by
    /// layer name) as those layers' default styles in the `layer_styles` table QGIS reads them from. Equal tables give
    /// equal bytes: the layers' last-change time GeoPackage records is fixed (`fixedDate`), not the clock's.
    public static func write(_ tables: [FeatureTable], styles: [String: String] = [:], to path: String) throws(InputError) {
        registerGDAL()
        CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", fixedDate)
        defer { CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", nil) }
        CPLErrorReset()
        guard let driver = GDALGetDriverByName("GPKG"), let raw = GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, nil) else {
            throw InputError(path: path, reason: "cannot create a GeoPackage: \(lastGDALError(or: "GDALCreate failed"))")
        }
        let dataset = GeoPackageDataset(raw)
        var geometryColumns: [String: String] = [:]
        for table in tables { geometryColumns[table.name] = try dataset.add(table, path: path) }
        let styled = tables.map(\.name).filter { styles[$0] != nil }
        if !styled.isEmpty {
            try dataset.addStyles(styled.map { ($0, geometryColumns[$0]!, styles[$0]!) }, path: path)
        }
        guard dataset.close() else {
            throw InputError(path: path, reason: "cannot finish the GeoPackage: \(lastGDALError(or: "closing failed"))")
        }
    }

    /// The time every layer's `last_change` records.
    static let fixedDate = "2000-01-01T00:00:00.000Z"
}

/// A GeoPackage being written, closed (and its writes flushed) by `close()` or when let go. Never shared across threads.
private final class GeoPackageDataset {
    private var raw: GDALDatasetH?

    init(_ raw: GDALDatasetH) { self.raw = raw }

    deinit { _ = close() }

    /// Closes the dataset; false when GDAL reported a failure flushing it.
    func close() -> Bool {
        guard let dataset = raw else { return true }
        raw = nil
        CPLErrorReset()
        GDALClose(dataset)
        return CPLGetLastErrorType().rawValue < CE_Failure.rawValue
    }

    /// Adds `table` as a layer; returns the name of its geometry column.
    func add(_ table: FeatureTable, path: String) throws(InputError) -> String {
        func failure(_ what: String) -> InputError {
            InputError(path: path, reason: "layer \(table.name): cannot \(what): \(lastGDALError(or: "GDAL failed"))")
        }
        guard let reference = OSRNewSpatialReference(nil) else { throw failure("make its CRS") }
        defer { OSRDestroySpatialReference(reference) }
        guard OSRSetFromUserInput(reference, table.crs) == OGRERR_NONE else { throw failure("read its CRS \(table.crs)") }
        OSRSetAxisMappingStrategy(reference, OAMS_TRADITIONAL_GIS_ORDER)
        let geometry = switch table.rows.lazy.compactMap(\.shape).first {
        case .point: wkbPoint
        case .line: wkbLineString
        case .polygons, nil: wkbMultiPolygon
        }
        guard let layer = GDALDatasetCreateLayer(raw, table.name, reference, geometry, nil) else { throw failure("create it") }
        let types = table.columns.indices.map(table.type(ofColumn:))
        for (name, type) in zip(table.columns, types) {
            let field = OGR_Fld_Create(name, type == .integer ? OFTInteger64 : type == .real ? OFTReal : OFTString)
            defer { OGR_Fld_Destroy(field) }
            guard OGR_L_CreateField(layer, field, 1) == OGRERR_NONE else { throw failure("add the field \(name)") }
        }
        guard GDALDatasetStartTransaction(raw, 0) == OGRERR_NONE else { throw failure("start a transaction") }
        for row in table.rows {
            guard let feature = OGR_F_Create(OGR_L_GetLayerDefn(layer)) else { throw failure("make a feature") }
            defer { OGR_F_Destroy(feature) }
            for (index, (value, type)) in zip(row.values, types).enumerated() {
                let field = Int32(index)
                switch type {
                case _ where value.isEmpty: OGR_F_SetFieldNull(feature, field)
                case .integer: OGR_F_SetFieldInteger64(feature, field, Int64(value)!)
                case .real: OGR_F_SetFieldDouble(feature, field, Double(value)!)
                case .text: OGR_F_SetFieldString(feature, field, value)
                }
            }
            if let shape = row.shape { OGR_F_SetGeometryDirectly(feature, Self.geometry(shape)) }
            guard OGR_L_CreateFeature(layer, feature) == OGRERR_NONE else { throw failure("write a feature") }
        }
        guard GDALDatasetCommitTransaction(raw) == OGRERR_NONE else { throw failure("commit its features") }
        return String(cString: OGR_L_GetGeometryColumn(layer))
    }

    /// QGIS's `layer_styles` table (its columns as QGIS creates them) with a default style for each of `styles`' layers
    /// (name, geometry column, QML): QGIS picks a layer's by `f_table_schema` '', `f_table_name`, `f_geometry_column`
    /// and `useAsDefault`.
    func addStyles(_ styles: [(layer: String, geometryColumn: String, qml: String)], path: String) throws(InputError) {
        func failure(_ what: String) -> InputError {
            InputError(path: path, reason: "layer_styles: cannot \(what): \(lastGDALError(or: "GDAL failed"))")
        }
        guard let table = GDALDatasetCreateLayer(raw, "layer_styles", nil, wkbNone, nil) else { throw failure("create it") }
        let columns: [(name: String, type: OGRFieldType, width: Int32)] = [
            ("f_table_catalog", OFTString, 256), ("f_table_schema", OFTString, 256), ("f_table_name", OFTString, 256),
            ("f_geometry_column", OFTString, 256), ("styleName", OFTString, 30), ("styleQML", OFTString, 0), ("styleSLD", OFTString, 0),
            ("useAsDefault", OFTInteger, 0), ("description", OFTString, 0), ("owner", OFTString, 30), ("ui", OFTString, 30),
            ("update_time", OFTDateTime, 0),
        ]
        for column in columns {
            let field = OGR_Fld_Create(column.name, column.type)
            defer { OGR_Fld_Destroy(field) }
            if column.width > 0 { OGR_Fld_SetWidth(field, column.width) }
            if column.name == "useAsDefault" { OGR_Fld_SetSubType(field, OFSTBoolean) }
            guard OGR_L_CreateField(table, field, 1) == OGRERR_NONE else { throw failure("add the field \(column.name)") }
        }
        for style in styles {
            guard let feature = OGR_F_Create(OGR_L_GetLayerDefn(table)) else { throw failure("make a feature") }
            defer { OGR_F_Destroy(feature) }
            let values = [
                "f_table_catalog": "", "f_table_schema": "", "f_table_name": style.layer, "f_geometry_column": style.geometryColumn,
                "styleName": style.layer, "styleQML": style.qml, "styleSLD": "", "description": "PhuSong's default style",
                "owner": "", "update_time": GeoPackageWriter.fixedDate,
            ]
            for (index, column) in columns.enumerated() {
                if let value = values[column.name] { OGR_F_SetFieldString(feature, Int32(index), value) }
            }
            OGR_F_SetFieldInteger(feature, Int32(columns.firstIndex { $0.name == "useAsDefault" }!), 1)
            guard OGR_L_CreateFeature(table, feature) == OGRERR_NONE else { throw failure("write the style of \(style.layer)") }
        }
    }

    /// An OGR geometry of `shape`, which the feature it is given to owns.
    private static func geometry(_ shape: FeatureTable.Shape) -> OGRGeometryH {
        switch shape {
        case let .point(point):
            let geometry = OGR_G_CreateGeometry(wkbPoint)!
            OGR_G_SetPoint_2D(geometry, 0, point.x, point.y)
            return geometry
        case let .polygons(shape):
            let multi = OGR_G_CreateGeometry(wkbMultiPolygon)!
            for polygon in shape.polygons {
                let part = OGR_G_CreateGeometry(wkbPolygon)!
                for ring in [polygon.exterior] + polygon.holes {
                    let line = OGR_G_CreateGeometry(wkbLinearRing)!
                    for point in ring.points { OGR_G_AddPoint_2D(line, point.x, point.y) }
                    if let first = ring.points.first, ring.points.last != first { OGR_G_AddPoint_2D(line, first.x, first.y) }
                    OGR_G_AddGeometryDirectly(part, line)
                }
                OGR_G_AddGeometryDirectly(multi, part)
            }
            return multi
        case let .line(points):
            let line = OGR_G_CreateGeometry(wkbLineString)!
            for point in points { OGR_G_AddPoint_2D(line, point.x, point.y) }
            return line
        }
    }
}
