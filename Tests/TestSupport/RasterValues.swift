import Terrain
import Testing

/// A one-band raster's values over its whole extent, row-major (a run's GeoTIFF on its grid).
public func rasterValues(_ path: String) throws -> [Float] {
    let source = try DEMSource.open(path)
    return try #require(try source.read(covering: source.describe().frame.bounds, holding: .quantities)).values
}
