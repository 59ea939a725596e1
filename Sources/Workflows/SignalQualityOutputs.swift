import Coverage
import Propagation
import Terrain

/// The signal-quality rasters and figures a run asked for, made once every site has finished: 4G's SINR and RSRP
/// pollution, 5G's SS-SINR and SS-RSRP pollution, 3G's Ec/Io and pilot pollution, 2G's C/I; a warning for each asked of a technology without a site in
/// the run; and the neighbour lists.
struct SignalQualityOutputs {
    /// Float32 rasters (`sinr.tif`, `ss_sinr.tif`, `ecio.tif`, `ci.tif` in dB, `throughput.tif` and `nr_throughput.tif` in
    /// Mbps): file name, values, band
    /// description and QGIS style (classes from the figure's limit up).
    private var floatRasters: [(name: String, values: [Float], description: String, style: RasterStyle)] = []
    /// Counts of servers crowding a cell (`rsrp_overlap.tif`, `ss_rsrp_overlap.tif`, `pilots.tif`), 0 where no server
    /// covers it, with their
    /// QGIS styles (more than the limit red).
    private var counts: [(name: String, values: [UInt16], description: String, style: RasterStyle)] = []
    private var lteSINR: FootprintSummary.SignalQuality?
    private var throughputs: [Technology: FootprintSummary.Throughput] = [:]
    private var nrSINR: FootprintSummary.SynchronisationSignalQuality?
    /// Each cell's 4G and 5G rates, with `--throughput` and sites of them.
    private(set) var rates: [CellRates] = []
    private var umtsEcIo: FootprintSummary.PilotQuality?
    private var gsmCI: FootprintSummary.CarrierToInterference?
    /// The 2G interference matrix as CSV (`interference.csv`), with the C/I in a run of two 2G sites or more.
    private var matrixCSV: String?
    private var neighbours: NeighbourOutputs?
    private var warnings: [String] = []

    /// What `request` asks of the servers and sums in `rasters` for the run's `sites`.
    init(_ rasters: ServerRasters, request: FootprintRequest, sites: [Site]) {
        let thresholds = sites.map(request.parameters.threshold(for:)), ids = sites.map(\.id)
        if let settings = request.sinr {
            if let lte = rasters.lte {
                let sinr = lte.sinr(settings), crowded = lte.crowding(settings.crowding, thresholds: thresholds)
                addSINR(
                    "sinr.tif", sinr, "4G reference signal SINR (dB): the strongest 4G site against the others on its frequency and noise",
                    crowding: "rsrp_overlap.tif", crowded, of: "4G", signal: "RSRP", limit: settings.crowding.limit
                )
                let covered = lte.covered(sinr, thresholds: thresholds)
                lteSINR = .init(covered: covered, sites: sites, crowded: crowded, settings: settings, shifts: lte.shiftCount > 1)
                if let throughput = settings.throughput {
                    addThroughput(
                        .lte, lte.throughput(lte.dataSINR(settings), settings: throughput, sites: sites), of: lte, settings: throughput,
                        loadPercent: settings.loadPercent, sites: sites, thresholds: thresholds, coveredCells: covered.all.count
                    )
                }
                let withoutPCI = sites.filter { $0.technology == .lte && $0.pci == nil }.count
                if lte.shiftCount == 1, withoutPCI < sites.filter({ $0.technology == .lte }).count {
                    warnings.append(
                        "sinr: \(withoutPCI) 4G site(s) have no PCI, so every cell's reference signals are taken to meet the others' data "
                            + "at the load: give every 4G site a pci, or --pci a plan, for their shifts"
                    )
                }
            } else if rasters.nr == nil {
                warnings.append(Self.noSite(asked: "sinr", technology: "4G or 5G", raster: "sinr.tif or ss_sinr.tif", figure: "SINR"))
            }
            if let nr = rasters.nr {
                let sinr = nr.synchronisationSINR(settings, sites: sites), crowded = nr.crowding(settings.crowding, thresholds: thresholds)
                addSINR(
                    "ss_sinr.tif", sinr,
                    "5G SS-SINR (dB): the strongest 5G site's synchronisation signal against the others on its frequency and the noise of a subcarrier",
                    crowding: "ss_rsrp_overlap.tif", crowded, of: "5G", signal: "SS-RSRP", limit: settings.crowding.limit
                )
                let covered = nr.covered(sinr, thresholds: thresholds)
                nrSINR = .init(covered: covered, sites: sites, crowded: crowded, settings: settings)
                if let throughput = settings.throughput {
                    addThroughput(
                        .nr, nr.throughput(nr.nrDataSINR(settings, sites: sites), settings: throughput, sites: sites), of: nr,
                        settings: throughput, loadPercent: settings.nrLoadPercent, sites: sites, thresholds: thresholds, coveredCells: covered.all.count
                    )
                }
            }
        }
        if let settings = request.ecio {
            if let umts = rasters.umts {
                let ecio = umts.ecio(settings), crowded = umts.crowding(settings.crowding, thresholds: thresholds)
                floatRasters.append((
                    "ecio.tif", ecio, "3G pilot Ec/Io (dB): the strongest 3G site's pilot against every cell's power on its frequency and noise",
                    .quality(limit: settings.limitDB, steps: [3, 6], unit: "dB")
                ))
                counts.append((
                    "pilots.tif", crowded,
                    "3G pilots covering the cell within the pilot window of the strongest on its frequency (the active set + 1: that many or more)",
                    .counts(limit: settings.crowding.limit, noun: "pilot", moreIsBetter: false)
                ))
                umtsEcIo = .init(covered: umts.covered(ecio, thresholds: thresholds), sites: sites, crowded: crowded, settings: settings)
            } else {
                warnings.append(Self.noSite(asked: "ecio", technology: "3G", raster: "ecio.tif", figure: "Ec/Io"))
            }
        }
        if let settings = request.ci {
            if let gsm = rasters.gsm {
                let ci = gsm.ci(settings)
                floatRasters.append((
                    "ci.tif", ci,
                    "2G C/I (dB): the strongest 2G site's carrier against the others on its channel, those one and two channels away less their rejection, and noise",
                    .quality(limit: settings.limitDB, steps: [3, 9], unit: "dB")
                ))
                gsmCI = .init(covered: gsm.covered(ci, thresholds: thresholds), ids: ids, settings: settings)
                if let ranks = rasters.ranks[.gsm] {
                    let matrix = ranks.overlaps(windowDB: settings.limitDB, thresholds: thresholds, othersCovering: false)
                    matrixCSV = matrix.interferenceCSV(sites: sites)
                    gsmCI?.interferenceMatrix = .init(matrix)
                }
            } else {
                warnings.append(Self.noSite(asked: "ci", technology: "2G", raster: "ci.tif", figure: "C/I"))
            }
        }
        neighbours = request.neighbours.map { NeighbourOutputs(rasters, sites: sites, thresholds: thresholds, settings: $0) }
    }

    /// A SINR raster (`name`, classes from 0 dB) and its crowding raster (`crowdingName`: how many of `technology`'s cells
    /// cover each cell within the `signal` window of the strongest, more than `limit` in red).
    private mutating func addSINR(
        _ name: String, _ sinr: [Float], _ description: String, crowding crowdingName: String, _ crowded: [UInt16], of technology: String,
        signal: String, limit: Int
    ) {
        floatRasters.append((name, sinr, description, .quality(limit: 0, steps: [5, 10, 20], unit: "dB")))
        counts.append((
            crowdingName, crowded,
            "\(technology) cells covering the cell within the \(signal) window of the strongest on its frequency (the limit + 1: that many or more)",
            .counts(limit: limit, noun: "cell", moreIsBetter: false)
        ))
    }

    /// `technology`'s `rates` (4G's `throughput.tif`, 5G's `nr_throughput.tif`) and their figures over the `coveredCells`
    /// its servers in `carriers` cover, the other cells at `loadPercent`, and a warning naming its sites without a
    /// bandwidth, whose cells have no rate.
    private mutating func addThroughput(
        _ technology: Technology, _ rates: [Float], of carriers: CarrierInterference, settings: ThroughputSettings, loadPercent: Double,
        sites: [Site], thresholds: [Double], coveredCells: Int
    ) {
        let limitMbps = settings.limitMbps, name = technology == .nr ? "nr_throughput.tif" : "throughput.tif"
        self.rates.append(CellRates(technology: technology, values: rates, limitMbps: limitMbps))
        let description = technology == .nr
            ? "5G downlink rate (Mbps): the strongest 5G site's whole carrier at the data SINR, for the downlink's share of its TDD pattern"
            : "4G downlink rate (Mbps): the strongest 4G site's whole carrier at the data SINR"
        floatRasters.append((
            name, rates, description + " (an attenuated Shannon bound per spatial layer at the best rank)",
            .quality(limit: limitMbps, steps: [limitMbps, 3 * limitMbps, 7 * limitMbps], unit: "Mbps")
        ))
        throughputs[technology] = .init(
            technology, covered: carriers.covered(rates, thresholds: thresholds), sites: sites, coveredCells: coveredCells,
            settings: settings, loadPercent: loadPercent
        )
        let without = sites.filter { $0.technology == technology && $0.resourceBlocks == nil }.map(\.id)
        if !without.isEmpty {
            warnings.append(
                "throughput: \(without.count) \(technology.rawValue) site(s) have no bandwidth_mhz (\(firstTen(without))), "
                    + "so the cells they serve have no rate in \(name)"
            )
        }
    }

    /// The warning of a run that asked for `asked` without a site of `technology`.
    private static func noSite(asked: String, technology: String, raster: String, figure: String) -> String {
        "\(asked): no \(technology) site in the run, so no \(raster) (\(figure) is computed for \(technology) sites only)"
    }

    /// Writes the rasters (each with its QGIS style) into `staging`, on `grid`, with `metadata`, the interference matrix
    /// and the neighbour lists.
    func write(staging: OutputStaging, grid: TerrainGrid, metadata: [String: String]) throws(InputError) {
        if let matrixCSV { try staging.write(matrixCSV, to: "interference.csv") }
        try neighbours?.write(staging: staging)
        for (name, values, description, style) in floatRasters {
            try GeoTIFF.writeFloat32(
                path: staging.path(name), width: grid.width, height: grid.height, values: values,
                georeference: grid.georeference(), metadata: metadata, bandDescription: description
            )
            try style.write(besideRaster: staging.path(name))
        }
        for (name, values, description, style) in counts {
            try GeoTIFF.writeIntegers(
                path: staging.path(name), width: grid.width, height: grid.height, values: values, nodata: 0,
                georeference: grid.georeference(), metadata: metadata, bandDescription: description
            )
            try style.write(besideRaster: staging.path(name))
        }
    }

    /// Puts the figures and warnings into `summary`.
    func summarize(into summary: inout FootprintSummary) {
        summary.lteSINR = lteSINR
        summary.lteThroughput = throughputs[.lte]
        summary.nrThroughput = throughputs[.nr]
        summary.nrSINR = nrSINR
        summary.umtsEcIo = umtsEcIo
        summary.gsmCI = gsmCI
        summary.warnings += warnings
        neighbours?.summarize(into: &summary)
    }
}
