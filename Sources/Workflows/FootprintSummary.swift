import Coverage
import Foundation
import Geometry
import Planning
import Propagation
import Terrain

/// The `summary.json` of a footprint run: settings, terrain voids, per-site and union areas, overlaps.
public struct FootprintSummary: Sendable, Codable, Equatable {
    public struct SiteArea: Sendable, Codable, Equatable {
        public let id: String
        /// Where the site stands, WGS84 degrees.
        public let latitude: Double
        public let longitude: Double
        public let technology: String
        public let frequencyMHz: Double
        public let eirpDBm: Double
        public let antennaHeightM: Double
        /// The ground the antenna stands on, metres above sea level: the DEM's own height where the site stands
        /// (`TerrainGrid.groundAtPoints`); the antenna is `antennaHeightM` over it.
        public let groundM: Double?
        /// The downlink power that counted as coverage: the downlink's threshold, or the uplink's need where it is
        /// checked and higher.
        public let thresholdDBm: Double
        /// The uplink's budget where it was checked (`--uplink`, or the site's record stating it).
        public let uplink: UplinkBudget?
        /// The dB taken off the site's received power for the run's location percentage (models other than ITM;
        /// 0 at 50 %).
        public let locationMarginDB: Double
        /// The building penetration loss taken off the site's received power at its frequency.
        public let indoorLossDB: Double
        /// The loss of the clutter around the handset at the site's frequency (P.2108's A_h); absent without it.
        public let handsetClutterLossDB: Double?
        public let coveredCells: Int
        public let areaKm2: Double
        /// How far it serves, km: to the far corner of the farthest cell where it is its technology's best server (its
        /// cell range, `phusong prach --cell-radius-from`); absent for a site serving no cell.
        public let reachKm: Double?
        /// The site's own raster in the output folder (`sites/<file name>.tif`): ids are free text, file names not.
        public let raster: String
        /// The site's number in `best_server.tif` (its place in the site list, from 1); absent in a run of one site,
        /// which writes no such raster.
        public let server: Int?
    }

    public struct PairOverlap: Sendable, Codable, Equatable {
        public let a: String
        public let b: String
        public let areaKm2: Double
    }

    /// Every model and link-budget setting of the run, so that it can be reproduced.
    public struct ModelSettings: Sendable, Codable, Equatable {
        /// The kernel asked for: "sweep" or "exact".
        public let kernel: String
        /// The kernel terrain models ran on: the one asked for, or "exact" where the radius is too short for a
        /// sweep (ITM under 150 cells).
        public let kernelUsed: String
        public let climate: Int
        public let refractivityN: Double
        public let polarization: String
        public let permittivity: Double
        public let conductivitySM: Double
        public let mdvar: Int
        public let timePercent: Double
        public let locationPercent: Double
        /// The σ of location variability given for models other than ITM; absent for Okumura's (Hata, COST-231).
        public let locationSigmaDB: Double?
        public let situationPercent: Double
        public let hataEnvironment: String
        public let cost231Environment: String
        /// The rural macro-cell model's mean building height and street width, metres.
        public let ruralBuildingHeightM: Double
        public let ruralStreetWidthM: Double
        /// Whether the 3GPP scenarios took their probability of line of sight where the terrain leaves it.
        public let sightProbability: Bool
        public let allowExtrapolation: Bool
        /// ITM area-mode siting of transmitter and receiver (0 random, 1 careful, 2 very careful).
        public let siting: [Int]
        public let receiverGainDBi: Double
        /// The building penetration margin given for every band (0 with `indoorPenetration`).
        public let indoorLossDB: Double
        /// 3GPP TR 38.901's outdoor-to-indoor loss by frequency, when asked for: its walls and the handset's depth.
        public let indoorPenetration: String?
        public let indoorDepthM: Double?
        public let bodyLossDB: Double
        public let foliageLossDB: Double
        /// The clutter around the handset (ITU-R P.2108's kind), its height and the street's width, metres, and the
        /// height the model took the handset at; absent without it.
        public let handsetClutter: String?
        public let handsetClutterHeightM: Double?
        public let handsetStreetWidthM: Double?
        public let modelReceiverHeightM: Double?
        /// Whether every site's uplink was checked (`--uplink`); sites whose records state theirs are checked anyway.
        public let uplink: Bool

        enum CodingKeys: String, CodingKey {
            case kernel, climate, polarization, permittivity, mdvar, siting, uplink
            case kernelUsed = "kernel_used"
            case refractivityN = "refractivity_n"
            case conductivitySM = "conductivity_s_m"
            case timePercent = "time_percent"
            case locationPercent = "location_percent"
            case locationSigmaDB = "location_sigma_db"
            case situationPercent = "situation_percent"
            case hataEnvironment = "hata_environment"
            case cost231Environment = "cost231_environment"
            case ruralBuildingHeightM = "rma_building_height_m"
            case ruralStreetWidthM = "rma_street_width_m"
            case sightProbability = "los_probability"
            case allowExtrapolation = "allow_extrapolation"
            case receiverGainDBi = "receiver_gain_dbi"
            case indoorLossDB = "indoor_loss_db"
            case indoorPenetration = "indoor_penetration"
            case indoorDepthM = "indoor_depth_m"
            case bodyLossDB = "body_loss_db"
            case foliageLossDB = "foliage_loss_db"
            case handsetClutter = "handset_clutter"
            case handsetClutterHeightM = "handset_clutter_height_m"
            case handsetStreetWidthM = "handset_street_width_m"
            case modelReceiverHeightM = "model_receiver_height_m"
        }

        /// The settings of a run with `parameters` over a grid of `spacing` metres.
        init(_ parameters: CoverageParameters, spacing: Double) {
            let e = parameters.environment, itm = e.itm, r = parameters.receiver
            kernel = parameters.kernel.rawValue
            kernelUsed = parameters.kernelUsed(spacing: spacing).rawValue
            climate = itm.climate.rawValue
            refractivityN = itm.refractivity
            polarization = itm.polarization == .vertical ? "vertical" : "horizontal"
            permittivity = itm.permittivity
            conductivitySM = itm.conductivity
            mdvar = itm.variability.rawValue
            timePercent = itm.time
            locationPercent = itm.location
            locationSigmaDB = e.locationSigmaDB
            situationPercent = itm.situation
            hataEnvironment = e.hata.rawValue
            cost231Environment = e.cost231.rawValue
            ruralBuildingHeightM = e.rural.buildingHeight
            ruralStreetWidthM = e.rural.streetWidth
            sightProbability = e.sightProbability
            allowExtrapolation = e.allowExtrapolation
            siting = [e.siting.0.rawValue, e.siting.1.rawValue]
            receiverGainDBi = r.antennaGainDBi
            indoorLossDB = r.indoorLossDB
            indoorPenetration = r.penetration?.walls.rawValue
            indoorDepthM = r.penetration?.countedDepthM
            bodyLossDB = r.bodyLossDB
            foliageLossDB = r.foliageLossDB
            handsetClutter = r.handsetClutter?.kind.rawValue
            handsetClutterHeightM = r.handsetClutter?.heightM
            handsetStreetWidthM = r.handsetClutter?.streetWidthM
            modelReceiverHeightM = r.handsetClutter.map { _ in parameters.modelReceiverHeight }
            uplink = parameters.checksUplink
        }
    }

    public let engine: String
    public let syntheticTerrain: Bool
    public let terrain: String
    public let sites: String
    public let model: String
    public let settings: ModelSettings
    public let crs: String
    public let resolutionM: Double
    public let gridWidth: Int
    public let gridHeight: Int
    public let radiusKm: Double
    /// nil for a flat earth (k = ∞).
    public let kFactor: Double?
    public let receiverHeightM: Double
    public let thresholdsDBm: [String: Double]
    public let voids: VoidReport
    public let siteAreas: [SiteArea]
    public let unionAreaKm2: Double
    public let sumOfSiteAreasKm2: Double
    public let overlaps: [PairOverlap]
    /// Warnings, e.g. an empirical model used outside its validity range, or --sinr without a 4G site.
    public var warnings: [String]
    /// `phusong evaluate` only: the population layer and the residents covered.
    public var population: String?
    public var residents: ResidentStatistics?
    /// Set when a time limit stopped the run before every site was computed (absent from complete runs).
    public var partial: Partial?
    /// The land cover whose losses the run took off received power (absent without).
    public var clutter: Clutter?
    /// The drive-test corrections the run added to its model's received power (absent without).
    public var calibration: ModelCalibration?
    /// With `--sinr` and 4G sites: their reference signal's SINR (absent without).
    public var lteSINR: SignalQuality?
    /// With `--sinr` and 5G sites: their synchronisation signal's SINR (absent without).
    public var nrSINR: SynchronisationSignalQuality?
    /// With `--throughput`: the 4G downlink rate from the server (absent without).
    public var lteThroughput: Throughput?
    /// With `--throughput` and 5G sites: the 5G downlink rate from the server (absent without).
    public var nrThroughput: Throughput?

    /// Where the rate of `technology` (4G or 5G) stands.
    static func throughput(of technology: Technology) -> WritableKeyPath<FootprintSummary, Throughput?> {
        technology == .nr ? \.nrThroughput : \.lteThroughput
    }
    /// With `--ecio` and 3G sites: their pilot's Ec/Io (absent without).
    public var umtsEcIo: PilotQuality?
    /// With `--ci` and 2G sites: their carriers' C/I (absent without).
    public var gsmCI: CarrierToInterference?
    /// With `--neighbours`: each technology's neighbour relations (absent without).
    public var neighbours: Neighbours?
    /// With `--sunset` in an evaluation: the residents and area switching technologies off leaves without coverage.
    public var sunset: Sunset?
    /// With `--traffic` in an evaluation: each technology's busy hour (`traffic.csv` has each site's).
    public var traffic: Traffic?
    /// In an evaluation: what one mast's outage costs (`masts.csv` has every mast's).
    public var mastOutages: MastOutages?
    /// In an evaluation of sites that name their operators: each operator's coverage (`operators.csv` has each commune's).
    public var operators: Operators?
    /// When the sites name their operators: each operator's covered area per technology and `any`, km² (absent otherwise).
    public var operatorAreasKm2: [String: [String: Double]]?
    /// With `--roads`: how far along the roads the run covers.
    public var roads: Roads?
    /// With `--facilities`: how many of the places that must have coverage the run covers.
    public var facilities: Facilities?
    /// In an evaluation: the gaps in the coverage of residents, most residents first (`gaps.csv` has every one listed).
    public var gaps: Gaps?

    /// What a run stopped by its time limit covers: every figure and raster counts the sites done only.
    public struct Partial: Sendable, Codable, Equatable, CustomStringConvertible {
        public let reason: String
        public let sitesDone: Int
        public let sitesSkipped: [String]

        /// "time limit of 4 s reached: 6 of 12 sites computed, skipped: s7, s8, …", for reports and logs.
        public var description: String {
            "\(reason): \(sitesDone) of \(sitesDone + sitesSkipped.count) sites computed, skipped: \(sitesSkipped.joined(separator: ", "))"
        }

        enum CodingKeys: String, CodingKey {
            case reason
            case sitesDone = "sites_done"
            case sitesSkipped = "sites_skipped"
        }
    }

    enum CodingKeys: String, CodingKey {
        case engine, terrain, sites, model, settings, crs, voids, overlaps, warnings, population, residents, partial, clutter, calibration, neighbours, sunset, traffic, operators, roads, facilities, gaps
        case lteSINR = "lte_sinr"
        case nrSINR = "nr_ss_sinr"
        case mastOutages = "mast_outages"
        case operatorAreasKm2 = "operator_areas_km2"
        case lteThroughput = "lte_throughput"
        case nrThroughput = "nr_throughput"
        case umtsEcIo = "umts_ecio"
        case gsmCI = "gsm_ci"
        case syntheticTerrain = "synthetic_terrain"
        case resolutionM = "resolution_m"
        case gridWidth = "grid_width"
        case gridHeight = "grid_height"
        case radiusKm = "radius_km"
        case kFactor = "k_factor"
        case receiverHeightM = "receiver_height_m"
        case thresholdsDBm = "thresholds_dbm"
        case siteAreas = "site_areas"
        case unionAreaKm2 = "union_area_km2"
        case sumOfSiteAreasKm2 = "sum_of_site_areas_km2"
    }

    /// The site areas by site id (the first of an id listed twice).
    var siteAreasByID: [String: SiteArea] { Dictionary(siteAreas.map { ($0.id, $0) }) { first, _ in first } }

    /// Pretty-printed JSON with sorted keys, so equal runs give equal files.
    public func json() -> String { reportJSON(self) + "\n" }
}

extension FootprintSummary.SiteArea {
    enum CodingKeys: String, CodingKey {
        case id, technology, raster, server, latitude, longitude, uplink
        case frequencyMHz = "frequency_mhz"
        case eirpDBm = "eirp_dbm"
        case antennaHeightM = "height_m"
        case groundM = "ground_m"
        case thresholdDBm = "threshold_dbm"
        case locationMarginDB = "location_margin_db"
        case indoorLossDB = "indoor_loss_db"
        case handsetClutterLossDB = "handset_clutter_loss_db"
        case coveredCells = "covered_cells"
        case areaKm2 = "area_km2"
        case reachKm = "reach_km"
    }
}

extension FootprintSummary.PairOverlap {
    enum CodingKeys: String, CodingKey {
        case a, b
        case areaKm2 = "area_km2"
    }
}

/// Version string written into every result.
public let engineVersion = "phusong 0.1.0"
