import Benchmark
import Coverage
import Foundation
import Propagation
import Terrain
import Tracking
import Workflows

/// Whole jobs as `phusong` runs them (the real-terrain ones when ../shared/data is beside the repository).
let benchmarks: @Sendable () -> Void = {
    let hgt = sharedDataPath("terrain/N44W072.hgt")
    guard FileManager.default.fileExists(atPath: hgt) else {
        print("Job benchmarks skipped: \(hgt) is absent")
        return
    }
    neighbourJobBenchmarks(terrain: hgt, configuration: trackedConfiguration)
}

/// The whole footprint job of a network with and without neighbour lists: 36 2G sectors on twelve masts 6 km apart
/// on N44W072 (a 4 × 3 lattice, azimuths 0°, 120° and 240°), Hata over 30 km at 3″, its rasters written to a
/// temporary folder. The two benchmarks' difference is what `--neighbours` costs: the per-cell ranking of the six
/// strongest sites, the lists and their CSV.
func neighbourJobBenchmarks(terrain: String, configuration: Benchmark.Configuration) {
    let sectors = (0..<36).map { index in
        let mast = index / 3
        return Site(
            id: "M\(mast)S\(index % 3)",
            location: GeoPoint(latitude: 44.40 + 0.054 * Double(mast % 3), longitude: -71.62 + 0.0754 * Double(mast / 3)),
            antennaHeight: 30, frequencyMHz: 935.2, eirpDBm: 57, technology: .gsm,
            antenna: Antenna(pattern: .parametric(horizontalBeamwidth: 65, verticalBeamwidth: 10), azimuth: 120 * Double(index % 3))
        )
    }
    for (label, neighbours) in [("", nil), ("_neighbours", NeighbourSettings())] as [(String, NeighbourSettings?)] {
        let folder = NSTemporaryDirectory() + "phusong-bench-neighbours-\(ProcessInfo.processInfo.processIdentifier)\(label)"
        var request = FootprintRequest(
            terrainPath: terrain, sitesPath: "", outputDirectory: folder, parameters: CoverageParameters(radius: 30_000, model: .hata)
        )
        request.parameters.environment.allowExtrapolation = true
        request.sites = sectors
        request.neighbours = neighbours
        Benchmark("hata_36_sectors_job\(label)_N44W072_3arcsec_30km", configuration: configuration, closure: { [request] _ in
            blackHole(try FootprintJob.run(request).siteAreas.count)
        }, teardown: {
            try? FileManager.default.removeItem(atPath: folder)
        })
    }
}
