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

    /// Cell size on the ground in metres: the north–south pixel size, converted from degrees for geographic rasters
    /// and from the CRS's unit (feet in many state planes) for projected ones — divided by the projection's scale at
    /// the raster's centre when that is more than 1 % from 1 (Web Mercator away from the equator: 1.08 at 22.5° N,
    /// 2 at 60°). A UTM zone's or a national grid's scale (within 0.1 % of 1) is left alone, so that a DEM already on
    /// a UTM grid is a grid of its own resolution.
    public var nativeSpacing: Double {
        if isGeographic(crsWKT) { return pixelHeight * Double.pi / 180 * meanEarthRadius }
        let nominal = pixelHeight * metresPerLinearUnit(crsWKT)
        guard let scale = northSouthScale(nominal: nominal), abs(scale - 1) > 0.01 else { return nominal }
        return nominal / scale
    }

    /// The projection's scale along the meridian at the raster's centre: a pixel's `nominal` north–south size in metres
    /// over its length on the ground (through PROJ); nil when PROJ cannot place the centre.
    private func northSouthScale(nominal: Double) -> Double? {
        let centre = (x: cornerX + Double(width) * pixelWidth / 2, y: cornerY - Double(height) * pixelHeight / 2)
        let ends = [MapPoint(x: centre.x, y: centre.y - pixelHeight / 2), MapPoint(x: centre.x, y: centre.y + pixelHeight / 2)]
        guard let geographic = try? CoordinateTransform(from: crsWKT, to: wgs84).apply(ends) else { return nil }
        let ground = GeoPoint(latitude: geographic[0].y, longitude: geographic[0].x)
            .distance(to: GeoPoint(latitude: geographic[1].y, longitude: geographic[1].x))
        return ground > 0 ? nominal / ground : nil
    }
}
