import Batch
import Coverage
import Foundation
import Planning
import Propagation
import Siting
import Terrain
import Workflows

/// One input parser of ours, fed arbitrary bytes as a file: it must return or throw its typed error — never
/// crash, hang or leak. Seeds come from `Fixtures/` (and small hand-made inputs).
public enum FuzzTarget: String, CaseIterable, Sendable {
    case sitesGeoJSON = "sites-geojson"
    case sitesCSV = "sites-csv"
    case candidates
    case antennaMSI = "antenna-msi"
    case itmCases = "itm-cases"
    case instance
    case claim
    case manifest
    case population
    case terrainHGT = "terrain-hgt"
    case terrainGeoTIFF = "terrain-geotiff"
    case terrainZip = "terrain-zip"
    case clutterLosses = "clutter-losses"
    case clutterRaster = "clutter-raster"
    case calibration
    case hopLinks = "hop-links"
    case interferenceMatrix = "interference-matrix"
    case channelPlan = "channel-plan"
    case neighbourList = "neighbour-list"
    case pciNeighbours = "pci-neighbours"
    case pciPlan = "pci-plan"
    case pscNeighbours = "psc-neighbours"
    case pscPlan = "psc-plan"
    case prachNeighbours = "prach-neighbours"
    case prachReaches = "prach-reaches"
    case tiltPlan = "tilt-plan"
    case loadPlan = "load-plan"
    case neighbourAudit = "neighbour-audit"
    case backhaulReach = "backhaul-reach"
    case roads
    case facilities

    /// The file name the bytes are written under (the extension chooses the reader).
    var fileName: String {
        switch self {
        case .sitesGeoJSON: "sites.geojson"
        case .sitesCSV, .candidates: "sites.csv"
        case .antennaMSI: "pattern.msi"
        case .itmCases: "cases.csv"
        case .instance, .claim: "input.json"
        case .manifest: "manifest.yaml"
        case .population: "communes.geojson"
        case .terrainHGT: "N44W072.hgt"
        case .terrainGeoTIFF: "dem.tif"
        case .terrainZip: "dem.zip"
        case .clutterLosses: "losses.csv"
        case .clutterRaster: "landcover.tif"
        case .calibration: "calibration.csv"
        case .hopLinks: "links.csv"
        case .interferenceMatrix: "interference.csv"
        case .channelPlan: "channels.csv"
        case .neighbourList, .pciNeighbours, .pscNeighbours, .prachNeighbours: "neighbours.csv"
        case .pciPlan: "pci.csv"
        case .prachReaches: "summary.json"
        case .pscPlan: "psc.csv"
        case .tiltPlan: "tilts.csv"
        case .loadPlan: "loads.csv"
        case .neighbourAudit: "oss_neighbours.csv"
        case .backhaulReach: "reach.csv"
        case .roads: "roads.geojson"
        case .facilities: "facilities.csv"
        }
    }

    /// Seed files, relative to the repository root.
    public var seeds: [String] {
        switch self {
        case .sitesGeoJSON:
            [
                "Fixtures/sites/nh_two_sites.geojson", "Fixtures/sites/nh_sectors_linkbudget.geojson", "Fixtures/sites/malformed.geojson",
                "Fixtures/fuzz/sites_utm_crs.geojson",
            ]
        case .sitesCSV: [
                "Fixtures/sites/nh_two_sites.csv", "Fixtures/batch/batxat_proposal.csv", "Fixtures/fuzz/sites_unicode_text.txt",
                "Fixtures/fuzz/sites_uplink.csv", "Fixtures/sites/batxat_layers.csv",
            ]
        case .candidates: ["Fixtures/sites/batxat_candidates.csv"]
        case .antennaMSI: ["Fixtures/antennas/sector65_900mhz_tilt2.msi", "Fixtures/antennas/malformed_short_horizontal.msi"]
        case .itmCases: ["Fixtures/itm/bad_frequency_cases.csv", "Fixtures/itm/short_profile_cases.csv"]
        case .instance: ["Fixtures/fuzz/instance.json", "Fixtures/fuzz/crash_instance_huge_capacity.json"]
        case .claim: ["Fixtures/batch/batxat_claim.json", "Fixtures/fuzz/claim_radio_residential.json"]
        case .manifest: ["Fixtures/batch/batxat-real.yaml", "Fixtures/fuzz/manifest.json", "Fixtures/fuzz/crash_manifest_mapping_key.json"]
        case .population: [
            "Fixtures/population/synthetic_bowtie_communes.geojson", "Fixtures/population/synthetic_no_population.geojson",
            "Fixtures/population/synthetic_utm_coordinates.geojson",
        ]
        case .terrainHGT: ["Fixtures/fuzz/tiny.hgt"]
        case .terrainGeoTIFF: ["Fixtures/fuzz/tiny.tif", "Fixtures/fuzz/no_crs.tif", "Fixtures/fuzz/voids_only.tif"]
        case .terrainZip: ["Fixtures/fuzz/hgt_member.zip", "Fixtures/fuzz/tif_member.zip", "Fixtures/fuzz/wrong_member.zip"]
        case .clutterLosses: ["Fixtures/fuzz/clutter_losses.csv"]
        case .clutterRaster: [
            "Fixtures/fuzz/landcover.tif", "Fixtures/fuzz/tiny.tif", "Fixtures/fuzz/no_crs.tif",
            "Fixtures/fuzz/timeout_landcover_zero_pixel_height.tif",
        ]
        case .calibration: ["Fixtures/fuzz/calibration.csv"]
        case .hopLinks: ["Fixtures/fuzz/hop_links.csv"]
        case .interferenceMatrix: ["Fixtures/fuzz/interference.csv"]
        case .channelPlan: ["Fixtures/fuzz/channels.csv"]
        case .neighbourList, .pciNeighbours, .pscNeighbours, .prachNeighbours: ["Fixtures/fuzz/neighbours.csv"]
        case .pciPlan: ["Fixtures/fuzz/pci.csv"]
        case .prachReaches: ["Fixtures/fuzz/summary_reach.json"]
        case .pscPlan: ["Fixtures/fuzz/psc.csv"]
        case .tiltPlan: ["Fixtures/fuzz/tilts.csv"]
        case .loadPlan: ["Fixtures/fuzz/loads.csv", "Fixtures/fuzz/traffic_loads.csv"]
        case .neighbourAudit: ["Fixtures/fuzz/neighbours.csv", "Fixtures/fuzz/oss_neighbours.csv"]
        case .backhaulReach: ["Fixtures/fuzz/reach.csv"]
        case .roads: ["Fixtures/roads/batxat_synthetic_roads.geojson"]
        case .facilities: ["Fixtures/facilities/batxat_facilities_synthetic.csv", "Fixtures/fuzz/facilities_lon_twice_short_row.csv"]
        }
    }

    /// Files the seeds name, placed beside the input under their own names (from the repository root, as the seeds
    /// are): without them a manifest stops at the first file it names.
    var companions: [String] {
        switch self {
        case .manifest: [
            "Fixtures/fuzz/tiny.tif", "Fixtures/fuzz/sites_uplink.csv", "Fixtures/fuzz/instance.json",
            "Fixtures/fuzz/claim_radio_residential.json", "Fixtures/population/synthetic_bowtie_communes.geojson",
        ]
        default: []
        }
    }

    /// Runs the parser on `data`, written to a file in `folder`; every typed error is an expected outcome.
    public func run(_ data: Data, in folder: String) {
        for companion in companions {
            let placed = folder + "/" + (companion as NSString).lastPathComponent
            if !FileManager.default.fileExists(atPath: placed) { try? FileManager.default.copyItem(atPath: companion, toPath: placed) }
        }
        let path = folder + "/" + fileName
        guard FileManager.default.createFile(atPath: path, contents: data) else { fatalError("cannot write \(path)") }
        switch self {
        case .sitesGeoJSON, .sitesCSV: _ = try? SiteFile.load(path)
        case .candidates: _ = try? CandidateFile.load(path)
        case .antennaMSI: _ = try? MSIPattern(contentsOf: path)
        case .itmCases: _ = try? ITMCaseFile.area(cases: path)
        case .instance: _ = try? CoverageInstanceFile.load(path)
        case .claim: _ = try? Claim.load(path)
        case .manifest: _ = try? Manifest.load(path)
        case .population: _ = try? AdminLayer.load(path)
        case .terrainHGT, .terrainGeoTIFF, .terrainZip: _ = try? DEMSource.open(path).inventory()
        case .clutterLosses: _ = try? ClutterLosses.table(path)
        case .clutterRaster: _ = try? ClassGrid.load(path, onto: Self.clutterGrid)
        case .calibration:
            guard let calibration = try? ModelCalibration.load(path, for: .itm) else { return }
            for technology in Technology.allCases {
                for metres in [0.0, 1, 1_000, 1e7] { _ = calibration.correction(for: technology)?.decibels(atDistance: metres) }
            }
        case .hopLinks: _ = try? HopPairs.listed(path, ids: ["NH-1", "NH-2", "Đỉnh \"Pác Bó\""], sitesPath: "sites.csv")
        case .interferenceMatrix: _ = try? ChannelPlan.problem(matrix: path).planner.plan(channels: [1, 2, 5], rounds: 5)
        case .channelPlan: _ = try? ChannelPlan.apply(try ChannelPlan.load(path), to: Self.channelSites, path: path)
        case .neighbourList:
            let matrix = folder + "/interference.csv"
            guard FileManager.default.createFile(atPath: matrix, contents: Data("victim,interferer,cells,channels_apart\nM0S0,M0S1,5,0\n".utf8)) else {
                fatalError("cannot write \(matrix)")
            }
            _ = try? ChannelPlan.problem(matrix: matrix, neighbours: path).planner.plan(channels: [1, 2, 5], rounds: 5)
        case .pciNeighbours: _ = try? PCIPlan.problem(path).plan(groups: [0, 1, 2], rounds: 5)
        case .pciPlan: _ = try? PCIPlan.apply(try PCIPlan.load(path), to: Self.channelSites, path: path)
        case .pscNeighbours: _ = try? PSCPlan.problem(path).plan(groups: [0, 1])
        case .pscPlan: _ = try? PSCPlan.apply(try PSCPlan.load(path), to: Self.channelSites, path: path)
        case .prachNeighbours:
            _ = try? PRACHPlan.problem(path, rangeKm: { _ in 15 }).planner.plan(roots: Array(0...29))
        case .prachReaches:
            if let reaches = try? CellReaches(summary: path) {
                for id in reaches.kilometres.keys { _ = try? PRACHPlan.range(of: id, in: reaches) }
            }
        case .tiltPlan: _ = try? TiltPlan.apply(try TiltPlan.load(path), to: Self.channelSites, path: path)
        case .loadPlan: _ = try? LoadPlan.apply(try LoadPlan.load(path), to: Self.channelSites, path: path)
        case .neighbourAudit: _ = try? NeighbourAudit(predicted: [path], configured: path).csv
        case .backhaulReach:
            _ = (try? BackhaulChains(path: path, sites: Self.channelSites))?.mastsCutOff(masts: [[0], [1], [2]], sites: Self.channelSites)
        case .roads:
            guard let layer = try? LineLayer(path: path, attributes: ["name"]), let parts = try? layer.parts(in: Self.clutterGrid.crs) else { return }
            let grid = Self.clutterGrid, nothing = CoverageMasks(footprints: [], gridWidth: grid.width, cellCount: grid.elevations.count)
            _ = RoadCoverage(features: zip(layer.features, parts).map { ($0.attributes["name"], $1) }, grid: grid, coverage: nothing)
        case .facilities: _ = try? FacilityReport(FacilitiesRequest(path: path)).points(on: Self.clutterGrid)
        }
    }

    /// A 2G site, a 4G sector and a 3G site for channel, PCI, scrambling-code, tilt and load plans to name.
    private static let channelSites = [
        Site(id: "G1", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 935.2, eirpDBm: 57, technology: .gsm),
        Site(
            id: "L1", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 1_800, eirpDBm: 57, technology: .lte,
            antenna: Antenna(pattern: .parametric(horizontalBeamwidth: 65, verticalBeamwidth: 7), azimuth: 120)
        ),
        Site(id: "U1-1", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 2_110, eirpDBm: 33, technology: .umts),
    ]

    /// A 16 × 16 grid of 100 m cells around 44.45° N, 71.45° W (UTM 19N), for land cover to be placed on.
    private static let clutterGrid = TerrainGrid(
        epsg: 32619, width: 16, height: 16, spacing: 100, cornerX: 304_300, cornerY: 4_925_600,
        elevations: [Float](repeating: 300, count: 256)
    )
}
