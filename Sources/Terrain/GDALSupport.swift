import CGDAL

/// Registers GDAL's drivers once per process and keeps GDAL from printing its own errors:
/// failures are read back with `lastGDALError()` and turned into `InputError`s.
let gdalRegistration: Void = {
    GDALAllRegister()
    CPLSetErrorHandler(CPLQuietErrorHandler)
}()

/// Registers GDAL's drivers and silences its own error printing (idempotent); for other modules that call GDAL.
public func registerGDAL() { _ = gdalRegistration }

/// Calls `body` with `options` ("KEY=VALUE" each) as the NULL-terminated string list GDAL's creation options take,
/// freed afterwards.
public func withGDALOptions<Result>(_ options: [String], _ body: (CSLConstList?) -> Result) -> Result {
    var list: CSLConstList?
    for option in options { list = CSLAddString(list, option) }
    defer { CSLDestroy(list) }
    return body(list)
}

/// `withGDALOptions` as the constant list GDAL's open options take (`GDALOpenEx`).
public func withGDALOpenOptions<Result>(
    _ options: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> Result
) -> Result {
    withGDALOptions(options) { list in body(UnsafeRawPointer(list)?.assumingMemoryBound(to: UnsafePointer<CChar>?.self)) }
}

/// The calling thread's last GDAL/CPL error message, or a fallback when GDAL left none.
public func lastGDALError(or fallback: String) -> String {
    guard let message = CPLGetLastErrorMsg(), message.pointee != 0 else { return fallback }
    return String(cString: message)
}

/// True when GDAL opens `path` as a dataset of `kind` (`GDAL_OF_RASTER` or `GDAL_OF_VECTOR`): for saying what a file
/// given in the wrong place is.
func opens(_ path: String, as kind: UInt32) -> Bool {
    guard let dataset = GDALOpenEx(path, kind | UInt32(GDAL_OF_READONLY), nil, nil, nil) else { return false }
    GDALClose(dataset)
    return true
}

/// An open GDAL dataset, closed when the owner lets go. Never shared across threads.
final class GDALDatasetHandle {
    let raw: GDALDatasetH
    /// The dataset this one reads from (a VRT's source), kept open until this one is closed.
    private let source: GDALDatasetHandle?

    /// Opens `gdalPath` read-only; `displayPath` is what error messages name, `rasterHint` what they say a vector
    /// file given instead should have been.
    init(
        gdalPath: String, displayPath: String, rasterHint: String = "an elevation model is a raster (.hgt, GeoTIFF, …)"
    ) throws(InputError) {
        _ = gdalRegistration
        CPLErrorReset()
        let flags = UInt32(GDAL_OF_RASTER) | UInt32(GDAL_OF_READONLY)
        guard let dataset = GDALOpenEx(gdalPath, flags, nil, nil, nil) else {
            let reason = lastGDALError(or: "not a raster GDAL can read")
            guard !opens(gdalPath, as: UInt32(GDAL_OF_VECTOR)) else {
                throw InputError(path: displayPath, reason: "holds vector layers, not a raster: \(rasterHint)")
            }
            throw InputError(path: displayPath, reason: reason)
        }
        raw = dataset
        source = nil
    }

    /// Takes over `dataset`; one that reads from another (a VRT over `source`) keeps that one open as long as it is.
    init(owning dataset: GDALDatasetH, readingFrom source: GDALDatasetHandle? = nil) {
        raw = dataset
        self.source = source
    }

    deinit { GDALClose(raw) }

    var width: Int { Int(GDALGetRasterXSize(raw)) }
    var height: Int { Int(GDALGetRasterYSize(raw)) }
    var bandCount: Int { Int(GDALGetRasterCount(raw)) }

    /// The GDAL names of the rasters a container holds (a GeoPackage's raster tables, a NetCDF's variables), in order.
    var subdatasets: [String] {
        strings(of: GDALGetMetadata(raw, "SUBDATASETS")).compactMap { item in
            guard let equals = item.firstIndex(of: "="), item[..<equals].hasSuffix("_NAME") else { return nil }
            return String(item[item.index(after: equals)...])
        }
    }

    /// The six GDAL geotransform coefficients, or nil when the raster has none.
    var geoTransform: [Double]? {
        var coefficients = [Double](repeating: 0, count: 6)
        guard GDALGetGeoTransform(raw, &coefficients) == CE_None else { return nil }
        return coefficients
    }

    var projectionWKT: String {
        guard let wkt = GDALGetProjectionRef(raw) else { return "" }
        return String(cString: wkt)
    }
}

/// True when `wkt` describes a geographic (longitude/latitude) CRS.
public func isGeographic(_ wkt: String) -> Bool {
    guard let reference = OSRNewSpatialReference(wkt) else { return false }
    defer { OSRDestroySpatialReference(reference) }
    return OSRIsGeographic(reference) != 0
}

/// Metres in one linear unit of a projected CRS (0.3048 in feet, 1200/3937 in US survey feet); 1 when OSR cannot say.
func metresPerLinearUnit(_ wkt: String) -> Double {
    guard let reference = OSRNewSpatialReference(wkt) else { return 1 }
    defer { OSRDestroySpatialReference(reference) }
    let metres = OSRGetLinearUnits(reference, nil)
    return metres > 0 ? metres : 1
}

/// The EPSG code of `wkt` when it is a WGS 84 UTM zone (326xx north, 327xx south; names and axis order aside);
/// nil for any other CRS, a UTM zone on another datum included.
func utmEPSG(of wkt: String) -> Int? {
    guard let reference = OSRNewSpatialReference(wkt) else { return nil }
    defer { OSRDestroySpatialReference(reference) }
    var north: Int32 = 0
    let zone = OSRGetUTMZone(reference, &north)
    guard zone > 0, let zoneOnWGS84 = OSRNewSpatialReference(nil) else { return nil }
    defer { OSRDestroySpatialReference(zoneOnWGS84) }
    let code = (north != 0 ? 32600 : 32700) + Int(zone)
    guard OSRImportFromEPSG(zoneOnWGS84, Int32(code)) == OGRERR_NONE, OSRIsSame(reference, zoneOnWGS84) != 0 else { return nil }
    return code
}

/// The WKT of an EPSG coordinate reference system.
func wktForEPSG(_ code: Int) -> String? {
    guard let reference = OSRNewSpatialReference(nil) else { return nil }
    defer { OSRDestroySpatialReference(reference) }
    guard OSRImportFromEPSG(reference, Int32(code)) == OGRERR_NONE else { return nil }
    return wkt(of: reference)
}

/// The WKT of a spatial reference; nil when OSR cannot write it.
func wkt(of reference: OGRSpatialReferenceH) -> String? {
    var text: UnsafeMutablePointer<CChar>?
    guard OSRExportToWkt(reference, &text) == OGRERR_NONE, let text else { return nil }
    defer { VSIFree(text) }
    return String(cString: text)
}

/// The files GDAL reads for the dataset at `path` (a Shapefile's .shp, .shx, .dbf, .prj and .cpg; a raster and
/// its .aux.xml or world file; a VRT and its sources), `path` first, then in name order; nil when GDAL cannot open
/// `path` as a raster or vector dataset.
package func datasetFiles(_ path: String) -> [String]? {
    registerGDAL()
    let flags = UInt32(GDAL_OF_RASTER) | UInt32(GDAL_OF_VECTOR) | UInt32(GDAL_OF_READONLY)
    guard let dataset = GDALOpenEx(path, flags, nil, nil, nil) else { return nil }
    defer { GDALClose(dataset) }
    return [path] + Set(fileList(of: dataset)).subtracting([path]).sorted()
}

/// The files GDAL reads for an open dataset, as its driver lists them.
func fileList(of dataset: GDALDatasetH) -> [String] {
    let list = GDALGetFileList(dataset)
    defer { CSLDestroy(list) }
    return strings(of: list)
}

/// The strings of a GDAL string list (NULL-terminated; none for NULL).
private func strings(of list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> [String] {
    guard let list else { return [] }
    var strings: [String] = [], index = 0
    while let entry = list[index] {
        strings.append(String(cString: entry))
        index += 1
    }
    return strings
}
