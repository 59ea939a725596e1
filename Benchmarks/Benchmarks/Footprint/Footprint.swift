import Benchmark
import Coverage
import Foundation
import Geometry
import Propagation
import Terrain
import Tracking

/// Footprint benchmarks: the coverage computation of one site (terrain already loaded), per model.
/// Names are shell-safe: the benchmark plugin looks threshold files up by the raw name.
let benchmarks: @Sendable () -> Void = {
    // Regressions of more than 10 % (p90) in wall-clock time, CPU time or peak memory fail `make bench-check`.
    // Fast cases repeat their footprint so that an iteration lasts a few hundred milliseconds: on this 2-core
    // machine kind, iterations of 40–150 ms vary by more than 10 % from run to run.
    let tracked = trackedConfiguration

    // Always available: the synthetic demo terrain, generated in memory.
    let demoSite = Site(
        id: "CB-001", location: GeoPoint(latitude: 22.665, longitude: 106.255), antennaHeight: 36,
        frequencyMHz: 900, eirpDBm: 58, technology: .gsm
    )
    let demo = try! SyntheticGrid(site: demoSite, radius: 15_000)
    Benchmark("los_footprint_synthetic_3arcsec_15km_x32", configuration: tracked) { _ in
        for _ in 0..<32 { blackHole(try demo.coverage(CoverageParameters(radius: 15_000)).coveredCellCount) }
    }

    // Real terrain, when ../shared/data is beside the repository.
    let hgt = sharedDataPath("terrain/N44W072.hgt")
    guard FileManager.default.fileExists(atPath: hgt) else {
        print("Real-terrain benchmarks skipped: \(hgt) is absent")
        return
    }
    let site = Site(
        id: "NH-1", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 900,
        eirpDBm: 60, technology: .gsm
    )
    let native = try! RealGrid(path: hgt, site: site, radius: 30_000, resolution: nil)
    let fine = try! RealGrid(path: hgt, site: site, radius: 30_000, resolution: 30)
    let repeatsPerGrid: [(RealGrid, String, [PathLossModel: Int])] = [
        (native, "3arcsec", [.los: 8, .fspl: 32, .hata: 32, .cost231: 32]),
        (fine, "30m", [.fspl: 4, .hata: 4, .cost231: 4]),
    ]
    for (grid, label, fastRepeats) in repeatsPerGrid {
        for model in PathLossModel.allCases {
            var parameters = CoverageParameters(radius: 30_000, model: model)
            parameters.environment.allowExtrapolation = true
            let repeats = fastRepeats[model] ?? 1
            let modelName = model.rawValue.replacingOccurrences(of: "-", with: "_")
            let name = "\(modelName)_footprint_N44W072_\(label)_30km" + (repeats > 1 ? "_x\(repeats)" : "")
            Benchmark(name, configuration: tracked) { _ in
                for _ in 0..<repeats { blackHole(try grid.coverage(parameters).coveredCellCount) }
            }
        }
    }

    // The 3″ ITM target is one site's whole 30 km footprint on one core: the single-site case above with every thread
    // of the process pinned to core 0 (the eight sites below include discs the tile's edge cuts).
    var itmOneSite = CoverageParameters(radius: 30_000, model: .itm)
    itmOneSite.environment.allowExtrapolation = true
    Benchmark("itm_footprint_N44W072_3arcsec_30km_one_core", configuration: tracked) { [itmOneSite] _ in
        blackHole(try onCores(1) { try native.coverage(itmOneSite).coveredCellCount })
    }

    // Two cores against one on a batch of sites: eight ITM footprints (3″, 30 km) run as `phusong footprint` runs a
    // batch (sites in parallel, each on the cores it is given), with every thread of the process pinned to core 0,
    // then free on both cores; the throughput ratio is the ratio of the two benchmarks' times (README, "Two cores").
    let batch = try! Network(path: hgt, sites: (1...8).map { haltonSite($0) }, radius: 30_000)
    let itm = CoverageParameters(radius: 30_000, model: .itm)
    for (label, cores) in [("one_core", 1), ("two_cores", 2)] {
        Benchmark("itm_8_sites_N44W072_3arcsec_30km_\(label)", configuration: tracked) { _ in
            onCores(cores) { blackHole(try! batch.coveredCells(itm)) }
        }
    }

    // 100 sites on a 10 × 10 lattice over the tile: coverage, traced footprints and their GEOS union.
    let lattice = (0..<100).map { index in
        Site(
            id: "L\(index)", location: GeoPoint(latitude: 44.05 + 0.1 * Double(index / 10), longitude: -71.95 + 0.1 * Double(index % 10)),
            antennaHeight: 30, frequencyMHz: 900, eirpDBm: 60, technology: .gsm
        )
    }
    let network = try! Network(path: hgt, sites: lattice, radius: 30_000)
    var hata = CoverageParameters(radius: 30_000, model: .hata)
    hata.environment.allowExtrapolation = true
    Benchmark("hata_100_sites_union_N44W072_3arcsec_30km", configuration: tracked) { [hata] _ in
        blackHole(try network.unionAreaKm2(hata))
    }
}

/// Many sites on one grid cut from a real DEM (void beyond the tile allowed).
struct Network {
    let sites: [Site]
    let grid: TerrainGrid
    let positions: [MapPoint]

    init(path: String, sites: [Site], radius: Double) throws {
        self.sites = sites
        grid = try DEMSource.open(path).metricGrid(
            around: sites.map(\.location), radius: radius, policy: VoidPolicy(maxVoidFraction: 0.8)
        ).grid
        positions = try CoverageEngine.positions(of: sites, on: grid)
    }

    /// Every site's coverage, sites in parallel as `phusong footprint` runs them; the covered cells of all.
    func coveredCells(_ parameters: CoverageParameters) throws -> Int {
        let counts = parallelMap(count: sites.count, chunkSize: 1) { index in
            Result { try CoverageEngine.coverage(of: sites[index], at: positions[index], on: grid, parameters: parameters) }
                .map(\.coveredCellCount)
        }
        return try counts.reduce(0) { total, count in total + (try count.get()) }
    }

    /// Every site's coverage and traced footprint, then the area of their union.
    func unionAreaKm2(_ parameters: CoverageParameters) throws -> Double {
        let footprints = try zip(sites, positions).map { site, position in
            SiteFootprint(
                coverage: try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: parameters), grid: grid
            )
        }
        return try FootprintAnalysis(footprints: footprints).unionAreaKm2
    }
}

/// A site on a grid cut from a real DEM by the engine's own loader.
struct RealGrid {
    let site: Site
    let grid: TerrainGrid
    let position: MapPoint

    init(path: String, site: Site, radius: Double, resolution: Double?) throws {
        self.site = site
        grid = try DEMSource.open(path).metricGrid(around: [site.location], radius: radius, resolution: resolution).grid
        position = try CoverageEngine.positions(of: [site], on: grid)[0]
    }

    func coverage(_ parameters: CoverageParameters) throws -> SiteCoverage {
        try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: parameters)
    }
}

/// The synthetic demo terrain written as GeoTIFF and cut onto the site's UTM grid by the engine's own loader.
struct SyntheticGrid {
    let real: RealGrid

    init(site: Site, radius: Double) throws {
        let raster = SyntheticTerrain().generate()
        let path = NSTemporaryDirectory() + "phusong-benchmark-synthetic-\(getpid()).tif"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try GeoTIFF.writeFloat32(
            path: path, width: raster.width, height: raster.height, values: raster.values,
            georeference: RasterGeoreference(geoTransform: raster.frame.geoTransform, crs: .epsg(4326))
        )
        real = try RealGrid(path: path, site: site, radius: radius, resolution: nil)
    }

    func coverage(_ parameters: CoverageParameters) throws -> SiteCoverage { try real.coverage(parameters) }
}

/// The province benchmark's sites (`Benchmarks/province.sh`): the `index`-th point of the Halton (2, 3) sequence
/// over N44W072, masts 25–45 m, 2G 900 MHz / 3G 2100 MHz / 4G 1800 MHz in turn.
func haltonSite(_ index: Int) -> Site {
    func halton(_ index: Int, _ base: Int) -> Double {
        var (i, f, r) = (index, 1.0, 0.0)
        while i > 0 {
            f /= Double(base)
            r += f * Double(i % base)
            i /= base
        }
        return r
    }
    let band = [(Technology.gsm, 900.0), (.umts, 2_100), (.lte, 1_800)][(index - 1) % 3]
    return Site(
        id: String(format: "P%04d", index), location: GeoPoint(latitude: 44 + halton(index, 2), longitude: -72 + halton(index, 3)),
        antennaHeight: Double(25 + (index * 7) % 21), frequencyMHz: band.1, eirpDBm: 60, technology: band.0
    )
}
