import Coverage
import Foundation
import Planning
import Propagation
import Terrain

/// Everything `phusong footprint` needs: inputs, output folder and model settings.
public struct FootprintRequest: Sendable {
    public var terrainPath: String
    public var sitesPath: String
    public var outputDirectory: String
    public var parameters: CoverageParameters
    /// Grid cell size in metres; nil uses the DEM's native spacing.
    public var resolution: Double?
    public var voidPolicy: VoidPolicy
    /// Also write the metric elevation grid the run used, as `terrain.tif`.
    public var writeTerrain: Bool
    /// Residents to evaluate the coverage for (`phusong evaluate`); nil for footprints alone.
    public var residents: ResidentsRequest?
    /// Land cover and the loss of each class at the receiver; nil for none.
    public var clutter: ClutterRequest?
    /// Corrections to the model fitted against drive tests (`ModelCalibration.load`, for the request's model).
    public var calibration: ModelCalibration?
    /// Roads whose length covered is reported (`roads.csv`); nil for none.
    public var roads: RoadsRequest?
    /// Places that must have coverage, each looked up on the grid (`facilities.csv`); nil for none.
    public var facilities: FacilitiesRequest?
    /// The 4G sites' reference-signal SINR (`sinr.tif`); nil for none.
    public var sinr: SINRSettings?
    /// The 3G sites' pilot Ec/Io (`ecio.tif`); nil for none.
    public var ecio: EcIoSettings?
    /// The 2G sites' C/I (`ci.tif`); nil for none.
    public var ci: CarrierToInterferenceSettings?
    /// Each site's handover neighbours among the sites of its technology (`neighbours.csv`); nil for none.
    public var neighbours: NeighbourSettings?
    /// A channel plan giving listed 2G sites their BCCH carriers (`ChannelPlan`); nil for the sites' own.
    public var channelPlanPath: String?
    /// A PCI plan giving listed 4G sites their PCIs (`PCIPlan`); nil for the sites' own.
    public var pciPlanPath: String?
    /// A scrambling-code plan giving listed 3G sites their primary scrambling codes (`PSCPlan`); nil for the sites' own.
    public var pscPlanPath: String?
    /// A tilt plan turning listed sectors' downtilts (`TiltPlan`); nil for the sites' own.
    public var tiltPlanPath: String?
    /// Listed 3G and 4G cells' own loads (`LoadPlan`); nil for the sites' own.
    public var loadPlanPath: String?
    /// Sites already in memory (e.g. those a plan chose); nil reads `sitesPath`, which errors still name.
    public var sites: [Site]?
    /// Where to cut the grid around, instead of the sites (a plan's runs share the grid of all its candidates).
    public var gridAround: [GeoPoint]?
    /// Where computed footprints are kept and looked up (nil: computed every time).
    public var footprintCache: FootprintCache?
    /// The run's memory cap and time limit.
    public var limits = RunLimits()

    /// Every input the run reads, as given: terrain, sites, the antenna patterns they name and the population
    /// layers.
    public var inputFiles: [String] {
        [terrainPath, sitesPath] + SiteFile.antennaFiles(sitesPath)
            + [residents?.populationPath, residents?.counts?.path, residents?.backhaulReachPath, clutter?.rasterPath, clutter?.lossesPath, calibration?.path, roads?.path, facilities?.path,
               channelPlanPath, pciPlanPath, pscPlanPath, tiltPlanPath, loadPlanPath].compactMap { $0 }
    }

    /// Refuses `sites` when the run checks every site's uplink and one's antenna gain is unknown, naming the sites file.
    func validateUplink(of sites: [Site]) throws(InputError) {
        do {
            try parameters.validateUplink(of: sites)
        } catch {
            throw InputError(path: sitesPath, reason: error.message)
        }
    }

    /// The backhaul's chains to the fibre for an evaluation of `sites`, if a reach file is given: read (and a bad file
    /// refused) before any footprint.
    func backhaulChains(of sites: [Site]) throws(InputError) -> BackhaulChains? {
        try residents?.backhaulReachPath.map { path throws(InputError) in try BackhaulChains(path: path, sites: sites) }
    }

    /// What a run of `sites` holds in memory: elevations and the rasters of its sites' power over the grid
    /// (and residents when evaluated — with each operator's coverage masks when the sites name operators —, clutter classes and losses when given, 4G servers, sums and SINR with `sinr` and the
    /// rate with its `throughput` (and its data SINR while made), 5G's servers, sums, SS-SINR, crowding and rate with
    /// `sinr`, 3G's
    /// with `ecio`, 2G's with `ci`, each technology's strongest sites per cell with `ci` or `neighbours`), and per site
    /// being computed its received power and each cell's radial.
    func memoryBudget(sites: [Site]) -> MemoryBudget {
        let siteCount = sites.count
        let operators = Set(sites.compactMap(\.networkOperator)).count
        return MemoryBudget(
            limitBytes: limits.memoryBytes,
            bytesPerGridCell: 4 + ServerRasters.bytesPerCell(sites: sites) + (residents == nil ? 0 : 24 + (operators == 0 ? 0 : CoverageMasks.keys.count * operators + 1)) + (clutter == nil ? 0 : 8)
                + (sinr.map { CarrierInterference.bytesPerCell(sites: sites, technology: .lte, slots: $0.crowding.slots) + 4 + 2 + ($0.throughput == nil ? 0 : 8) } ?? 0)
                + (sinr.map { CarrierInterference.bytesPerCell(sites: sites, technology: .nr, slots: $0.crowding.slots) + 4 + 2 + ($0.throughput == nil ? 0 : 4) } ?? 0)
                + (ecio.map { CarrierInterference.bytesPerCell(sites: sites, technology: .umts, slots: $0.crowding.slots) + 4 + 2 } ?? 0)
                + (ci.map { _ in CarrierInterference.bytesPerCell(sites: sites, technology: .gsm, slots: 0) + 4 } ?? 0)
                + RankedServers.bytesPerCell
                * ServerRasters.rankedTechnologies(sites: sites, ci: ci != nil, neighbours: neighbours != nil).count,
            bytesPerWindowCell: 20, windowsAtOnce: min(siteCount, ProcessInfo.processInfo.activeProcessorCount)
        )
    }

    public init(
        terrainPath: String, sitesPath: String, outputDirectory: String,
        parameters: CoverageParameters = CoverageParameters(), resolution: Double? = nil,
        voidPolicy: VoidPolicy = VoidPolicy(), writeTerrain: Bool = false, residents: ResidentsRequest? = nil
    ) {
        self.terrainPath = terrainPath
        self.sitesPath = sitesPath
        self.outputDirectory = outputDirectory
        self.parameters = parameters
        self.resolution = resolution
        self.voidPolicy = voidPolicy
        self.writeTerrain = writeTerrain
        self.residents = residents
    }
}

/// Where residents live and how coverage of them is judged.
public struct ResidentsRequest: Sendable {
    /// Administrative polygons with a population attribute (any OGR vector layer).
    public var populationPath: String
    public var fields: AdminFields
    public var method: SpreadMethod
    public var dasymetric: DasymetricSettings
    /// Share of residents (%) a commune needs covered to meet the target.
    public var targetPercent: Double
    /// Residents counted from a raster or settlement points instead of spread from the census; nil = spread.
    public var counts: ResidentCountSource?
    /// Technologies to be switched off: the evaluation counts the residents covered now whom the others leave
    /// without coverage (none when empty).
    public var sunset: Set<Technology> = []
    /// How each site is loaded with the residents it serves in the busy hour (`traffic.csv`); nil for none.
    public var traffic: TrafficSettings?
    /// A backhaul's `reach.csv` (`phusong backhaul --hub-field`): each mast's outage also takes off air the masts
    /// whose every chain to the fibre passes through it (`masts.csv`); nil for none.
    public var backhaulReachPath: String?
    /// How `summary.json` names the reach file (nil: by its path); a batch job names another job's as
    /// `jobs/<id>/reach.csv`, so that its results do not depend on the folder they were made in.
    public var backhaulReachName: String?
    /// Which gaps in the coverage of residents are listed (`gaps.csv`).
    public var gaps = GapSettings()

    public init(
        populationPath: String, fields: AdminFields = AdminFields(), method: SpreadMethod = .dasymetric,
        dasymetric: DasymetricSettings = DasymetricSettings(), targetPercent: Double = 97
    ) {
        self.populationPath = populationPath
        self.fields = fields
        self.method = method
        self.dasymetric = dasymetric
        self.targetPercent = targetPercent
    }

    /// The technologies `names` give to switch off; nil when one is unknown, or none is given, or none would be left.
    public static func sunset(_ names: [String]) -> Set<Technology>? {
        let technologies = names.map(Technology.init(named:))
        guard !technologies.isEmpty, !technologies.contains(nil) else { return nil }
        let set = Set(technologies.compactMap { $0 })
        return set.count < Technology.allCases.count ? set : nil
    }
}

/// The gaps `phusong evaluate` lists: within each commune, the connected cells holding residents that a coverage
/// layer misses (`--gap-technology`, `--gap-operator`, `--gap-min-residents`).
public struct GapSettings: Sendable, Equatable {
    /// Gaps holding fewer residents are only counted.
    public var minimumResidents: Double = 50
    /// The technology whose gaps are listed; nil for where no technology covers.
    public var technology: Technology?
    /// The operator whose sites' coverage the gaps are in (the sites naming their `operator`); nil for every site's.
    public var networkOperator: String?

    public init(minimumResidents: Double = 50, technology: Technology? = nil, networkOperator: String? = nil) {
        self.minimumResidents = minimumResidents
        self.technology = technology
        self.networkOperator = networkOperator
    }

    /// The coverage layer (`CoverageMasks.keys`) whose gaps are listed.
    public var layer: String { technology?.rawValue ?? "any" }
}

/// A line layer of roads and the attribute naming them (`--roads`, `--road-name-field`).
public struct RoadsRequest: Sendable, Equatable {
    public var path: String
    /// The attribute whose features of one value make one road; nil takes `name` when the layer has it (as
    /// OpenStreetMap's roads do), else each feature is a road of its own.
    public var nameField: String?

    public init(path: String, nameField: String? = nil) {
        self.path = path
        self.nameField = nameField
    }
}

/// A point layer of places that must have coverage — schools, health stations, commune offices, border posts — and the
/// attributes naming them and their kind (`--facilities`, `--facility-name-field`, `--facility-type-field`).
public struct FacilitiesRequest: Sendable, Equatable {
    public var path: String
    /// The attribute naming each facility; nil takes `name` when the layer has it, else each is `facility N`.
    public var nameField: String?
    /// The attribute giving each facility's kind, whose figures are given apart; nil takes `type` when the layer has
    /// it, else every facility is of one kind, `facility`.
    public var typeField: String?

    public init(path: String, nameField: String? = nil, typeField: String? = nil) {
        self.path = path
        self.nameField = nameField
        self.typeField = typeField
    }
}

/// A source of residents that says where people live.
public enum ResidentCountSource: Sendable, Equatable {
    /// People per pixel, any GDAL raster.
    case raster(path: String)
    /// Points with a number of residents in `field`: GeoJSON or any OGR layer, or CSV with lon/lat columns.
    case settlements(path: String, field: String)

    public var path: String {
        switch self {
        case let .raster(path), let .settlements(path, _): path
        }
    }
}

/// How much memory and time a run may take (`--memory-limit-gb`, `--time-limit`).
public struct RunLimits: Sendable {
    /// The most memory the run may need; a radius or resolution beyond it is refused up front.
    public var memoryBytes: UInt64
    /// When to stop starting new sites; the outputs then cover the sites done, marked partial.
    public var deadline: Deadline?

    public init(memoryBytes: UInt64 = MemoryBudget.defaultLimitBytes, deadline: Deadline? = nil) {
        self.memoryBytes = memoryBytes
        self.deadline = deadline
    }
}
