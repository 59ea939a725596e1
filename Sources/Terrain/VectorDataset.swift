import CGDAL
import Foundation

/// An OGR vector dataset opened read-only, closed with this object.
package final class VectorDataset {
    package let raw: GDALDatasetH
    package let path: String

    /// Opens `path`; `options` are OGR open options (e.g. `X_POSSIBLE_NAMES=lon` for a CSV of points).
    package init(path: String, options: [String] = []) throws(InputError) {
        registerGDAL()
        guard FileManager.default.fileExists(atPath: path) else { throw InputError(path: path, reason: "no such file") }
        CPLErrorReset()
        let flags = UInt32(GDAL_OF_VECTOR) | UInt32(GDAL_OF_READONLY)
        guard let dataset = withGDALOpenOptions(options, { GDALOpenEx(path, flags, nil, $0, nil) }) else {
            throw InputError(path: path, reason: lastGDALError(or: "not a vector layer GDAL/OGR can read"))
        }
        raw = dataset
        self.path = path
    }

    deinit { GDALClose(raw) }

    package func firstLayer() throws(InputError) -> OGRLayerH {
        guard GDALDatasetGetLayerCount(raw) > 0, let layer = GDALDatasetGetLayer(raw, 0) else {
            throw InputError(path: path, reason: "holds no vector layer")
        }
        return layer
    }

    /// The short name of the driver that read the dataset ("GPKG", "ESRI Shapefile", "CSV", …).
    package var driverName: String {
        GDALGetDatasetDriver(raw).flatMap { GDALGetDriverShortName($0) }.map { String(cString: $0) } ?? ""
    }
}

/// The CRS `layer` declares, as WKT; nil when it declares none.
package func declaredCRS(of layer: OGRLayerH) -> String? {
    guard let reference = OGR_L_GetSpatialRef(layer) else { return nil }
    var text: UnsafeMutablePointer<CChar>?
    guard OSRExportToWkt(reference, &text) == OGRERR_NONE, let text else { return nil }
    defer { VSIFree(text) }
    return String(cString: text)
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
