import Coverage
import Propagation
import Terrain

/// The sites that serve a handset among themselves: one technology's of one operator (of every operator when the sites
/// name none).
struct ServingLayer: Hashable {
    let networkOperator: String?
    let technology: Technology

    init(_ site: Site) {
        networkOperator = site.networkOperator
        technology = site.technology
    }
}

/// The grid's rasters made from every site's received power as the sites finish, whatever order they finish in:
/// the strongest power of any site (`coverage.tif`) and, in a run of several sites, the best server — the number
/// of the covering site (power at or above its own threshold) with the strongest power, the earlier site on a
/// tie (`best_server.tif`) — and how many sites cover each cell (`server_count.tif`).
struct ServerRasters {
    /// The strongest received power per cell (dBm), NaN where no site reaches.
    private(set) var strongest: [Float]
    /// Whether the best server of all and the count of servers are kept (runs of more than one site).
    let keepsServers: Bool
    private var serverCount: [UInt16]
    /// The 4G sites' servers and sums for their SINR, when asked for and the run has 4G sites.
    private(set) var lte: CarrierInterference?
    /// The 5G sites' servers and sums for their SS-SINR, when the SINR is asked for and the run has 5G sites.
    private(set) var nr: CarrierInterference?
    /// The 3G sites' servers and sums for their Ec/Io, when asked for and the run has 3G sites.
    private(set) var umts: CarrierInterference?
    /// The 2G sites' servers and sums for their C/I, when asked for and the run has 2G sites.
    private(set) var gsm: CarrierInterference?
    /// Per technology, the sites strongest in each cell (`rankedTechnologies`): for the interference matrix and
    /// neighbour lists.
    private(set) var ranks: [Technology: RankedServers] = [:]
    /// Per serving layer of the run (its place in `servedSlot`), each cell's best server among that layer's sites;
    /// the best server of all is the strongest of them (`bestOfAll`), so each site's cells are offered once.
    private var served: [BestServers]
    private let servedSlot: [ServingLayer: Int]

    /// Per serving layer of the run, each cell's best server among that layer's sites: whom each site serves.
    var servedByLayer: [ServingLayer: BestServers] { servedSlot.mapValues { served[$0] } }

    /// Whether a run of `siteCount` sites keeps the best server and the count of servers: a single site's would
    /// only repeat its own coverage.
    static func keepsServers(siteCount: Int) -> Bool { siteCount > 1 }

    /// Bytes per grid cell these rasters hold in a run of `sites` (with the best server of all while it is written).
    static func bytesPerCell(sites: [Site]) -> Int {
        let layers = Set(sites.map(ServingLayer.init)).count
        return MemoryLayout<Float>.size + BestServers.bytesPerCell * layers
            + (keepsServers(siteCount: sites.count) ? MemoryLayout<UInt16>.size + (layers > 1 ? BestServers.bytesPerCell : 0) : 0)
    }

    /// The technologies whose strongest sites per cell a run ranks: 2G with the C/I, with two 2G sites or more; with
    /// neighbour lists, each technology of two sites or more, and in a run of several technologies each of them.
    static func rankedTechnologies(sites: [Site], ci: Bool, neighbours: Bool) -> [Technology] {
        let present = Technology.allCases.filter { technology in sites.contains { $0.technology == technology } }
        return present.filter { technology in
            let several = sites.filter { $0.technology == technology }.count > 1
            return (ci && technology == .gsm && several) || (neighbours && (several || present.count > 1))
        }
    }

    init(cellCount: Int, sites: [Site], request: FootprintRequest) {
        let (sinr, ecio, ci) = (request.sinr, request.ecio, request.ci)
        let siteCount = sites.count
        lte = sinr.flatMap { settings in
            CarrierInterference(sites: sites, technology: .lte, cellCount: cellCount, slots: settings.crowding.slots, load: settings.loadShare(of:))
        }
        nr = sinr.flatMap { settings in
            CarrierInterference(sites: sites, technology: .nr, cellCount: cellCount, slots: settings.crowding.slots, load: settings.loadShare(of:))
        }
        umts = ecio.flatMap { settings in
            CarrierInterference(
                sites: sites, technology: .umts, cellCount: cellCount, slots: settings.crowding.slots, weight: settings.totalOverPilot(of:)
            )
        }
        gsm = ci.flatMap { _ in
            CarrierInterference(
                sites: sites, technology: .gsm, cellCount: cellCount, slots: 0,
                interferingShare: CarrierToInterferenceSettings.interferingShare(offsetMHz:)
            )
        }
        for technology in Self.rankedTechnologies(sites: sites, ci: ci != nil, neighbours: request.neighbours != nil) {
            ranks[technology] = RankedServers(sites: sites, technology: technology, cellCount: cellCount)
        }
        let layers = Set(sites.map(ServingLayer.init))
        servedSlot = Dictionary(uniqueKeysWithValues: layers.enumerated().map { ($1, $0) })
        served = layers.map { _ in BestServers(cellCount: cellCount) }
        strongest = Array(repeating: .nan, count: cellCount)
        keepsServers = Self.keepsServers(siteCount: siteCount)
        serverCount = keepsServers ? Array(repeating: 0, count: cellCount) : []
    }

    /// Adds the coverage of the site numbered `number` (1-based, in the sites' order).
    mutating func add(_ coverage: SiteCoverage, number: Int32, gridWidth: Int) {
        lte?.add(coverage, number: number, gridWidth: gridWidth)
        nr?.add(coverage, number: number, gridWidth: gridWidth)
        umts?.add(coverage, number: number, gridWidth: gridWidth)
        gsm?.add(coverage, number: number, gridWidth: gridWidth)
        // Over the keys copied: iterating `ranks.keys` itself would hold the dictionary's storage, and each mutation
        // would then copy every technology's ranks, grid-sized.
        for technology in Array(ranks.keys) { ranks[technology]?.add(coverage, number: number, gridWidth: gridWidth) }
        let threshold = Float(coverage.threshold), slot = servedSlot[ServingLayer(coverage.site)]!
        coverage.forEachReachedCell(gridWidth: gridWidth) { value, index in
            if strongest[index].isNaN || value > strongest[index] { strongest[index] = value }
            guard value >= threshold else { return }
            served[slot].offer(value, number: number, at: index)
            if keepsServers, serverCount[index] < .max { serverCount[index] += 1 }
        }
    }

    /// Each cell's best server of all: of the layers' best servers the strongest, the earlier site on a tie —
    /// the covering site of strongest power, as `BestServers` would find offered every site.
    private var bestOfAll: [Int32] {
        guard served.count > 1 else { return served.first?.number ?? [] }
        var best = BestServers(cellCount: strongest.count)
        for layer in served {
            for (index, number) in layer.number.enumerated() where number > 0 { best.offer(layer.power[index], number: number, at: index) }
        }
        return best.number
    }

    /// Writes `best_server.tif` (0 where no site covers; dataset metadata `PHUSONG_SERVER_<n>` gives site n's id) with its
    /// QGIS style (`best_server.qml`, each site's colour labelled with its id) and `server_count.tif` with its own (one
    /// server to more than three, red to green), when kept.
    func writeServers(
        staging: OutputStaging, grid: TerrainGrid, siteIDs: [String], metadata: [String: String]
    ) throws(InputError) {
        guard keepsServers else { return }
        var names = metadata
        for (offset, id) in siteIDs.enumerated() { names["PHUSONG_SERVER_\(offset + 1)"] = id }
        try GeoTIFF.writeIntegers(
            path: staging.path("best_server.tif"), width: grid.width, height: grid.height, values: bestOfAll, nodata: 0,
            georeference: grid.georeference(), metadata: names,
            bandDescription: "best server: the number of the covering site with the strongest power (summary.json site_areas' server)"
        )
        try RasterStyle.servers(ids: siteIDs).write(besideRaster: staging.path("best_server.tif"))
        try GeoTIFF.writeIntegers(
            path: staging.path("server_count.tif"), width: grid.width, height: grid.height, values: serverCount, nodata: 0,
            georeference: grid.georeference(), metadata: metadata,
            bandDescription: "number of sites covering the cell (received power at or above each site's threshold)"
        )
        try RasterStyle.counts(limit: 3, noun: "server", moreIsBetter: true).write(besideRaster: staging.path("server_count.tif"))
    }
}
