import CGDAL
import Foundation

/// An elevation model on disk that GDAL can read: a single raster (SRTM `.hgt`, GeoTIFF, …),
/// a `.zip` holding one, or a folder of tiles read as one mosaic.
public struct DEMSource: Sendable {
    /// The path as the user gave it; every error names it.
    public let path: String
    /// What GDAL opens: a file, a `/vsizip/` member, or the XML of an in-memory VRT mosaic.
    let gdalPath: String

    /// Opens and checks `path`; throws a `InputError` naming the file when it cannot be used.
    public static func open(_ path: String) throws(InputError) -> DEMSource {
        _ = gdalRegistration
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw InputError(path: path, reason: "no such file or folder")
        }
        let gdalPath = isFolder.boolValue ? try mosaicXML(folder: path) : try rasterPath(for: path, shownAs: path)
        let source = DEMSource(path: path, gdalPath: gdalPath)
        _ = try source.describe()
        return source
    }

    /// Size, georeferencing and CRS, read without loading the elevations.
    public func describe() throws(InputError) -> DEMDescription {
        let dataset = try GDALDatasetHandle(gdalPath: gdalPath, displayPath: path)
        guard dataset.bandCount >= 1 else {
            let rasters = dataset.subdatasets
            guard let first = rasters.first else { throw InputError(path: path, reason: "raster has no bands") }
            throw InputError(
                path: path,
                reason: "holds \(rasters.count) rasters (GDAL subdatasets), none of them read by default: \(rasters.joined(separator: ", ")); "
                    + "copy the one to use into a file of its own, e.g. gdal_translate '\(first)' dem.tif"
            )
        }
        guard let transform = dataset.geoTransform else {
            throw InputError(path: path, reason: "raster has no usable georeferencing (geotransform missing)")
        }
        guard transform[1] > 0, transform[5] < 0 else {
            throw InputError(
                path: path,
                reason: "raster is stored south-up or east to west (pixel size \(transform[1]) × \(transform[5])); warp it north-up first"
            )
        }
        guard transform[2] == 0, transform[4] == 0 else {
            throw InputError(path: path, reason: "rotated rasters are not supported; warp it north-up first")
        }
        let wkt = dataset.projectionWKT
        guard !wkt.isEmpty else { throw InputError(path: path, reason: "raster has no coordinate reference system") }
        let band = GDALGetRasterBand(dataset.raw, 1)
        // GDAL reads a pixel-interleaved block of every band at once: a file claiming thousands of bands can ask
        // for gigabytes to read one elevation row (the fuzzer found an 8 GB request). Refuse it up front.
        var blockWidth: Int32 = 0, blockHeight: Int32 = 0
        GDALGetBlockSize(band, &blockWidth, &blockHeight)
        let blockBytes = Double(blockWidth) * Double(blockHeight) * Double(dataset.bandCount)
            * Double(GDALGetDataTypeSizeBytes(GDALGetRasterDataType(band)))
        guard blockBytes <= Double(1 << 30) else {
            throw InputError(
                path: path,
                reason: "reading it needs \(String(format: "%.1f", blockBytes / Double(1 << 30))) GiB per block (\(dataset.bandCount) bands, blocks of \(blockWidth) × \(blockHeight)); an elevation model needs one band"
            )
        }
        var hasNoData: Int32 = 0, hasScale: Int32 = 0, hasOffset: Int32 = 0
        let noData = GDALGetRasterNoDataValue(band, &hasNoData)
        let scale = GDALGetRasterScale(band, &hasScale), offset = GDALGetRasterOffset(band, &hasOffset)
        let synthetic = GDALGetMetadataItem(dataset.raw, syntheticMetadataKey, nil).map { String(cString: $0) } == "YES"
        let frame = RasterFrame(
            width: dataset.width, height: dataset.height, cornerX: transform[0], cornerY: transform[3],
            pixelWidth: transform[1], pixelHeight: -transform[5], crsWKT: wkt
        )
        return DEMDescription(
            frame: frame, noData: hasNoData != 0 ? noData : nil, scale: hasScale != 0 ? scale : 1,
            offset: hasOffset != 0 ? offset : 0, unit: GDALGetRasterUnitType(band).map { String(cString: $0) } ?? "",
            isSynthetic: synthetic
        )
    }

    /// Reads the pixels covering `bounds` (in the source CRS) plus a one-pixel margin; nil when they miss the raster.
    /// Voids come back as NaN: the nodata value and NaN, and for elevations also values no terrain has (see `isVoid`).
    public func read(covering bounds: MapBounds, holding content: PixelContent = .elevations) throws(InputError) -> ElevationRaster? {
        try read(covering: bounds, of: describe(), holding: content)
    }

    func read(
        covering bounds: MapBounds, of info: DEMDescription, holding content: PixelContent = .elevations
    ) throws(InputError) -> ElevationRaster? {
        let frame = info.frame
        let firstColumn = max(Int(((bounds.minX - frame.cornerX) / frame.pixelWidth).rounded(.down)) - 1, 0)
        let lastColumn = min(Int(((bounds.maxX - frame.cornerX) / frame.pixelWidth).rounded(.up)) + 1, frame.width - 1)
        let firstRow = max(Int(((frame.cornerY - bounds.maxY) / frame.pixelHeight).rounded(.down)) - 1, 0)
        let lastRow = min(Int(((frame.cornerY - bounds.minY) / frame.pixelHeight).rounded(.up)) + 1, frame.height - 1)
        guard firstColumn <= lastColumn, firstRow <= lastRow else { return nil }
        let window = frame.window(
            column: firstColumn, row: firstRow, width: lastColumn - firstColumn + 1, height: lastRow - firstRow + 1
        )
        let values = try readPixels(
            column: firstColumn, row: firstRow, width: window.width, height: window.height, of: info, content: content
        )
        return ElevationRaster(frame: window, values: values)
    }

    /// Reads the whole raster (in strips) and reports its range and voids.
    public func inventory() throws(InputError) -> DEMInventory {
        let info = try describe()
        let width = info.frame.width, height = info.frame.height
        var minimum = Float.infinity, maximum = -Float.infinity, voids = 0
        let stripRows = max(1, 4_194_304 / max(width, 1))
        var row = 0
        while row < height {
            let rows = min(stripRows, height - row)
            let strip = try readPixels(column: 0, row: row, width: width, height: rows, of: info, content: .elevations)
            for value in strip {
                if value.isNaN {
                    voids += 1
                } else {
                    minimum = min(minimum, value)
                    maximum = max(maximum, value)
                }
            }
            row += rows
        }
        return DEMInventory(
            description: info,
            minimum: voids == width * height ? nil : Double(minimum),
            maximum: voids == width * height ? nil : Double(maximum),
            voidCells: voids
        )
    }

    /// Pixel values as the band declares them — raw × scale + offset — and elevations in metres; voids as NaN.
    private func readPixels(
        column: Int, row: Int, width: Int, height: Int, of info: DEMDescription, content: PixelContent
    ) throws(InputError) -> [Float] {
        var metres = 1.0
        if content == .elevations {
            guard let perUnit = metresPerUnit(info.unit) else {
                throw InputError(path: path, reason: "elevations in '\(info.unit)': PhuSong reads metres and feet (the band's unit type)")
            }
            metres = perUnit
        }
        let (scale, offset) = (info.scale * metres, info.offset * metres)
        let dataset = try GDALDatasetHandle(gdalPath: gdalPath, displayPath: path)
        var values = [Float](repeating: .nan, count: width * height)
        CPLErrorReset()
        let status = values.withUnsafeMutableBytes { buffer in
            GDALRasterIO(
                GDALGetRasterBand(dataset.raw, 1), GF_Read, Int32(column), Int32(row), Int32(width), Int32(height),
                buffer.baseAddress, Int32(width), Int32(height), GDT_Float32, 0, 0
            )
        }
        guard status == CE_None else {
            throw InputError(path: path, reason: "cannot read \(content == .elevations ? "elevations" : "pixel values"): \(lastGDALError(or: "read failed"))")
        }
        let marker = info.noData.map(Float.init)
        let converting = scale != 1 || offset != 0
        for index in values.indices {
            let raw = values[index]
            if raw == marker { values[index] = .nan; continue }
            if converting { values[index] = Float(Double(raw) * scale + offset) }
            if Self.isVoid(values[index], content: content) { values[index] = .nan }
        }
        return values
    }

    /// Elevations no terrain has are voids besides the nodata value and NaN: ±∞ and magnitudes beyond 100 km, such as
    /// an undeclared fill value of −3.4·10³⁸ (whose squares overflow the models' arithmetic).
    private static let largestElevation: Float = 100_000

    private static func isVoid(_ value: Float, content: PixelContent) -> Bool {
        switch content {
        case .elevations: !(abs(value) <= largestElevation)
        case .quantities: value.isNaN
        }
    }
}

/// Size, georeferencing and CRS of a DEM, its nodata value, how its values read, and whether it is labelled synthetic.
public struct DEMDescription: Sendable, Equatable {
    public let frame: RasterFrame
    /// The raw pixel value marking a void.
    public let noData: Double?
    /// A pixel's value is raw × scale + offset (the band's declared scale and offset; 1 and 0 when it has none).
    public let scale: Double
    public let offset: Double
    /// The band's unit type: elevations in feet are read as metres; "" when none is declared (metres).
    public let unit: String
    /// True when the file carries PhuSong's synthetic-terrain label (`PHUSONG_SYNTHETIC=YES`).
    public let isSynthetic: Bool
}

/// Range and void count of a whole DEM.
public struct DEMInventory: Sendable, Equatable {
    public let description: DEMDescription
    /// Lowest and highest valid elevation; nil when every cell is void.
    public let minimum: Double?
    public let maximum: Double?
    /// Cells holding the nodata value or NaN.
    public let voidCells: Int
}
