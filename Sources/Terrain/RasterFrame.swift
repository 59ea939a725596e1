/// Size and north-up georeferencing of a raster in its own CRS.
public struct RasterFrame: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Top-left corner of pixel (0, 0) in the raster's CRS.
    public let cornerX: Double
    public let cornerY: Double
    /// Pixel size along x and (positive) along y, in CRS units.
    public let pixelWidth: Double
    public let pixelHeight: Double
    /// The raster's coordinate reference system as WKT.
    public let crsWKT: String

    public init(
        width: Int, height: Int, cornerX: Double, cornerY: Double, pixelWidth: Double, pixelHeight: Double,
        crsWKT: String
    ) {
        self.width = width
        self.height = height
        self.cornerX = cornerX
        self.cornerY = cornerY
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
        self.crsWKT = crsWKT
    }

    /// The GDAL geotransform.
    public var geoTransform: [Double] { [cornerX, pixelWidth, 0, cornerY, 0, -pixelHeight] }

    /// The extent in the raster's CRS.
    public var bounds: MapBounds {
        MapBounds(
            minX: cornerX, minY: cornerY - Double(height) * pixelHeight,
            maxX: cornerX + Double(width) * pixelWidth, maxY: cornerY
        )
    }

    /// The frame of a window starting at pixel (`column`, `row`).
    public func window(column: Int, row: Int, width: Int, height: Int) -> RasterFrame {
        RasterFrame(
            width: width, height: height,
            cornerX: cornerX + Double(column) * pixelWidth, cornerY: cornerY - Double(row) * pixelHeight,
            pixelWidth: pixelWidth, pixelHeight: pixelHeight, crsWKT: crsWKT
        )
    }

    /// Cell size in metres: the north–south pixel size, converted from degrees for geographic rasters and from the
    /// CRS's unit (feet in many state planes) for projected ones.
    public var nativeSpacing: Double {
        isGeographic(crsWKT) ? pixelHeight * Double.pi / 180 * meanEarthRadius : pixelHeight * metresPerLinearUnit(crsWKT)
    }
}
