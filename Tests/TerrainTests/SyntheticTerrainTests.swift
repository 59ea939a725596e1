import Foundation
import Terrain
import TestSupport
import Testing

@Suite("Synthetic terrain and grids")
struct SyntheticTerrainTests {
    @Test("Same seed, same terrain; another seed, other terrain; range exactly 150–1,900 m")
    func deterministic() {
        let small = MapBounds(minX: 106.0, minY: 22.5, maxX: 106.1, maxY: 22.6)
        let first = SyntheticTerrain(seed: 7, bounds: small).generate()
        let again = SyntheticTerrain(seed: 7, bounds: small).generate()
        let other = SyntheticTerrain(seed: 8, bounds: small).generate()
        #expect(first.values == again.values)
        #expect(first.values != other.values)
        #expect(first.values.min() == 150 && first.values.max() == 1_900)
        #expect(first.width == 120 && first.height == 120)
    }

    @Test("Ridges and valleys: relief varies strongly within a few kilometres")
    func relief() {
        let terrain = SyntheticTerrain().generate()
        let stride = 40  // 2 km at 3″
        var largestStep: Float = 0
        for row in Swift.stride(from: 0, to: terrain.height, by: stride) {
            for column in Swift.stride(from: 0, to: terrain.width - stride, by: stride) {
                largestStep = max(largestStep, abs(terrain[column + stride, row] - terrain[column, row]))
            }
        }
        #expect(largestStep > 500)
    }

    @Test("Written as GeoTIFF, the synthetic terrain carries its label and reads back identically")
    func labelled() throws {
        let folder = try temporaryFolder("synthetic")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let terrain = SyntheticTerrain(bounds: MapBounds(minX: 106.0, minY: 22.5, maxX: 106.05, maxY: 22.55)).generate()
        let path = folder + "/synthetic.tif"
        try GeoTIFF.writeFloat32(
            path: path, width: terrain.width, height: terrain.height, values: terrain.values,
            georeference: RasterGeoreference(geoTransform: terrain.frame.geoTransform, crs: .epsg(4326)),
            metadata: [syntheticMetadataKey: "YES"]
        )
        let source = try DEMSource.open(path)
        #expect(try source.describe().isSynthetic)
        #expect(try source.read(covering: source.describe().frame.bounds)?.values == terrain.values)
    }

    @Test("Void filling: a small hole is interpolated from its rim, a large one stays void")
    func voidFilling() {
        var values = [Float](repeating: 100, count: 20 * 20)
        for row in 0..<20 { for column in 10..<20 { values[row * 20 + column] = 200 } }
        values[5 * 20 + 9] = .nan  // one cell between the 100 and 200 halves
        for row in 12..<20 { for column in 0..<8 { values[row * 20 + column] = .nan } }  // 64-cell void
        let frame = RasterFrame(width: 20, height: 20, cornerX: 0, cornerY: 20, pixelWidth: 1, pixelHeight: 1, crsWKT: "")
        var raster = ElevationRaster(frame: frame, values: values)
        let result = raster.fillVoids(maxRegionCells: 10)
        #expect(result.voids == 65 && result.filled == 1)
        // Rim: three cells at 100 (distance 1) and one at 200 (distance 1): IDW mean 125.
        #expect(raster[9, 5] == 125)
        #expect(raster[0, 19].isNaN)
    }

    @Test("Profiles on a tilted plane return the plane's heights, both ends included")
    func profileOnPlane() throws {
        let width = 50, height = 50
        var elevations = [Float](repeating: 0, count: width * height)
        for row in 0..<height {
            for column in 0..<width { elevations[row * width + column] = Float(3 * column + 2 * row) }
        }
        let grid = TerrainGrid(epsg: 32648, width: width, height: height, spacing: 30, cornerX: 0, cornerY: 1_500, elevations: elevations)
        let start = grid.center(column: 2, row: 3), end = grid.center(column: 40, row: 30)
        let profile = try grid.profile(from: start, to: end)
        #expect(profile.elevations.first == 12.0)
        #expect(abs(profile.elevations.last! - 180.0) < 1e-9)
        for (index, elevation) in profile.elevations.enumerated() {
            let fraction = Double(index) / Double(profile.elevations.count - 1)
            let column: Double = 2 + 38 * fraction, row: Double = 3 + 27 * fraction
            let expected: Double = 3 * column + 2 * row
            #expect(abs(elevation - expected) < 1e-3)
        }
        let straightLine: Double = 30 * (38.0 * 38.0 + 27.0 * 27.0).squareRoot()
        #expect(abs(profile.length - straightLine) < 1e-6)
    }

    @Test("A profile across a void, or beyond the grid, throws naming the distance of its first sample without elevation")
    func profileThroughVoid() throws {
        let width = 20, height = 10
        var elevations = (0..<(width * height)).map { Float($0 % width) * 5 }
        elevations[4 * width + 10] = .nan
        let grid = TerrainGrid(epsg: 32648, width: width, height: height, spacing: 30, cornerX: 0, cornerY: 300, elevations: elevations)
        // Along row 4, sampled every 30 m from column 2: the sample on column 9 still has its height (the void has no
        // weight there), the next, on the void, has none: 240 m from the start.
        #expect(throws: InputError(path: "EPSG:32648", reason: "profile point at 240 m has no elevation (void or outside the grid)")) {
            try grid.profile(from: grid.center(column: 2, row: 4), to: grid.center(column: 18, row: 4))
        }
        // Half a cell beyond the last column is still the edge's height; further is outside the grid.
        let y = grid.center(column: 0, row: 7).y
        let edge = try grid.profile(from: MapPoint(x: 450, y: y), to: MapPoint(x: 600, y: y))
        #expect(edge.elevations == [72.5, 77.5, 82.5, 87.5, 92.5, 95])
        #expect(throws: InputError.self) { try grid.profile(from: MapPoint(x: 450, y: y), to: MapPoint(x: 640, y: y)) }
    }
}
