import CGDAL

/// The georeferencing of a raster to be written: its geotransform and CRS.
public struct RasterGeoreference: Sendable {
    public let geoTransform: [Double]
    /// An EPSG code or WKT.
    public let crs: CRSReference

    public init(geoTransform: [Double], crs: CRSReference) {
        self.geoTransform = geoTransform
        self.crs = crs
    }
}

/// A coordinate reference system named by EPSG code or given as WKT.
public enum CRSReference: Sendable {
    case epsg(Int)
    case wkt(String)
}

extension TerrainGrid {
    /// The georeference of this grid (or of a window of it starting at `column`, `row`).
    public func georeference(column: Int = 0, row: Int = 0) -> RasterGeoreference {
        RasterGeoreference(
            geoTransform: [cornerX + Double(column) * spacing, spacing, 0, cornerY - Double(row) * spacing, 0, -spacing],
            crs: .epsg(epsg)
        )
    }
}

/// Writes single-band rasters as compressed, tiled GeoTIFFs.
public enum GeoTIFF {
    /// Writes Float32 `values` (row-major, `width` × `height`) with NaN declared as nodata.
    /// `metadata` becomes GDAL dataset metadata (e.g. `PHUSONG_SYNTHETIC=YES`).
    public static func writeFloat32(
        path: String, width: Int, height: Int, values: [Float], georeference: RasterGeoreference,
        metadata: [String: String] = [:], bandDescription: String? = nil
    ) throws(InputError) {
        precondition(values.count == width * height, "raster needs width × height values")
        try write(
            values, type: GDT_Float32, nodata: .nan, path: path, width: width, height: height, georeference: georeference,
            metadata: metadata, bandDescription: bandDescription
        )
    }

    /// Writes whole numbers — `Int32`, `UInt16` or `UInt8` `values` (row-major, `width` × `height`) — with `nodata` declared.
    public static func writeIntegers<Sample: FixedWidthInteger>(
        path: String, width: Int, height: Int, values: [Sample], nodata: Sample, georeference: RasterGeoreference,
        metadata: [String: String] = [:], bandDescription: String? = nil
    ) throws(InputError) {
        precondition(values.count == width * height, "raster needs width × height values")
        let type: GDALDataType
        switch Sample.self {
        case is Int32.Type: type = GDT_Int32
        case is UInt16.Type: type = GDT_UInt16
        case is UInt8.Type: type = GDT_Byte
        default: preconditionFailure("GeoTIFF.writeIntegers takes Int32, UInt16 or UInt8 samples")
        }
        try write(
            values, type: type, nodata: Double(nodata), path: path, width: width, height: height, georeference: georeference,
            metadata: metadata, bandDescription: bandDescription
        )
    }

    private static func write<Sample>(
        _ values: [Sample], type: GDALDataType, nodata: Double, path: String, width: Int, height: Int,
        georeference: RasterGeoreference, metadata: [String: String], bandDescription: String?
    ) throws(InputError) {
        _ = gdalRegistration
        let wkt: String
        switch georeference.crs {
        case .wkt(let text): wkt = text
        case .epsg(let code):
            guard let text = wktForEPSG(code) else { throw InputError(path: path, reason: "unknown CRS EPSG:\(code)") }
            wkt = text
        }
        // DEFLATE's fastest level: on power rasters the files are 2 % larger than at the default level 6, and
        // writing them took a fifth of a single-site `fspl` run's CPU at level 6. The predictor suits the samples:
        // floating point (3) or horizontal differences of integers (2).
        let predictor = type == GDT_Float32 ? 3 : 2
        let options = ["COMPRESS=DEFLATE", "PREDICTOR=\(predictor)", "TILED=YES", "ZLEVEL=1"]
        CPLErrorReset()
        guard let driver = GDALGetDriverByName("GTiff"),
            let raw = withGDALOptions(options, { GDALCreate(driver, path, Int32(width), Int32(height), 1, type, $0) })
        else {
            throw InputError(path: path, reason: "cannot create GeoTIFF: \(lastGDALError(or: "GDALCreate failed"))")
        }
        let dataset = GDALDatasetHandle(owning: raw)
        var transform = georeference.geoTransform
        GDALSetGeoTransform(dataset.raw, &transform)
        GDALSetProjection(dataset.raw, wkt)
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            GDALSetMetadataItem(dataset.raw, key, value, nil)
        }
        let band = GDALGetRasterBand(dataset.raw, 1)
        GDALSetRasterNoDataValue(band, nodata)
        if let bandDescription { GDALSetDescription(band, bandDescription) }
        // GDAL only reads the buffer when writing; lending it the values' own storage spares a copy of the raster.
        let status = values.withUnsafeBytes { buffer in
            GDALRasterIO(
                band, GF_Write, 0, 0, Int32(width), Int32(height), UnsafeMutableRawPointer(mutating: buffer.baseAddress),
                Int32(width), Int32(height), type, 0, 0
            )
        }
        guard status == CE_None else {
            throw InputError(path: path, reason: "cannot write GeoTIFF: \(lastGDALError(or: "write failed"))")
        }
    }

    /// Copies the GeoTIFF at `source` to `path` byte for byte — its tiles are not compressed again — then sets the
    /// dataset metadata items `metadata` and describes its band as `bandDescription`. The copy's georeferencing is left
    /// as it is, unread: GDAL reads a GeoTIFF's CRS back from its keys before it writes metadata, through PROJ's
    /// database (about 60 million instructions, 5 % of a one-site 3″ line-of-sight run).
    public static func copy(
        _ source: String, to path: String, metadata: [String: String], bandDescription: String
    ) throws(InputError) {
        _ = gdalRegistration
        CPLErrorReset()
        guard CPLCopyFile(path, source) == 0 else {
            throw InputError(path: path, reason: "cannot copy \(source): \(lastGDALError(or: "copy failed"))")
        }
        let flags = UInt32(GDAL_OF_RASTER) | UInt32(GDAL_OF_UPDATE)
        guard let dataset = withGDALOpenOptions(["GEOREF_SOURCES=NONE"], { GDALOpenEx(path, flags, nil, $0, nil) }) else {
            throw InputError(path: path, reason: "cannot update GeoTIFF: \(lastGDALError(or: "GDALOpenEx failed"))")
        }
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { GDALSetMetadataItem(dataset, key, value, nil) }
        GDALSetDescription(GDALGetRasterBand(dataset, 1), bandDescription)
        GDALClose(dataset)
        guard CPLGetLastErrorType() != CE_Failure else {
            throw InputError(path: path, reason: "cannot update GeoTIFF: \(lastGDALError(or: "closing failed"))")
        }
    }
}
