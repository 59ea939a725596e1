import Benchmark
import Coverage
import Foundation
import Terrain

/// Single-site line-of-sight footprint on the synthetic demo terrain (generated, so it runs anywhere).
let benchmarks: @Sendable () -> Void = {
    let site = Site(
        id: "CB-001", location: GeoPoint(latitude: 22.665, longitude: 106.255), antennaHeight: 36,
        frequencyMHz: 900, eirpDBm: 58, technology: .gsm
    )
    let parameters = CoverageParameters(radius: 15_000)
    let grid = try! syntheticGrid(around: site.location, radius: parameters.radius)
    let position = try! CoverageEngine.positions(of: [site], on: grid)[0]

    Benchmark(
        "LOS footprint, synthetic 3″ terrain, 15 km",
        configuration: .init(metrics: [.wallClock, .cpuTotal, .peakMemoryResident], maxDuration: .seconds(10))
    ) { _ in
        let coverage = try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: parameters)
        blackHole(coverage.coveredCellCount)
    }
}

/// The synthetic terrain written as GeoTIFF and cut onto the site's UTM grid by the engine's own loader.
private func syntheticGrid(around site: GeoPoint, radius: Double) throws -> TerrainGrid {
    let raster = SyntheticTerrain().generate()
    let path = NSTemporaryDirectory() + "phusong-benchmark-synthetic-\(getpid()).tif"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try GeoTIFF.writeFloat32(
        path: path, width: raster.width, height: raster.height, values: raster.values,
        georeference: RasterGeoreference(geoTransform: raster.frame.geoTransform, crs: .epsg(4326))
    )
    return try DEMSource.open(path).metricGrid(around: [site], radius: radius).grid
}
