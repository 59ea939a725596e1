import Coverage
import Foundation
import Propagation
import Terrain

/// Which hops between sites `phusong backhaul` checks.
public enum HopSelection: Sendable, Equatable {
    /// The pairs of site ids in a CSV's `from` and `to` columns, in its order.
    case listed(file: String)
    /// Every pair of sites whose masts stand at most this many kilometres apart, in the site file's order.
    case within(km: Double)
}

/// `phusong backhaul`: point-to-point hops between sites' masts (microwave backhaul), each checked as `phusong path`
/// checks one: loss, the first Fresnel zone's clearance and the link budget.
public struct BackhaulRequest: Sendable {
    public var terrainPath: String
    /// The sites; each end's antenna stands at its site's `height_m`.
    public var sitesPath: String
    public var hops: HopSelection
    public var outputPath: String
    public var model: PathLossModel
    public var frequencyMHz: Double
    public var environment: RadioEnvironment
    public var earth: EarthModel
    /// The budget every hop is given; nil to report losses and clearances alone.
    public var budget: LinkBudgetSettings?
    /// The site attribute flagging the masts on the fibre network, to chain every site to one (`reach.csv`).
    public var hubField: String?
    /// The climate the hops fade in, for their availability (needs the budget's threshold); nil for none.
    public var fading: FadingClimate?
    /// The share of the year (%) a hop must be available to carry a chain to a hub (needs the climate); nil for any.
    public var availabilityTarget: Double?
    /// The air whose gases absorb part of every hop's budget.
    public var atmosphere: HopAtmosphere

    /// What is wrong with the availability target, if anything: a target needs the climate and the hubs, and lies
    /// within 0–100 %. `name` writes a setting as the user wrote it (`rain_rate_mm_h` → `--rain-rate-mm-h`).
    public func availabilityTargetProblem(naming name: (String) -> String) -> (field: String, message: String)? {
        guard let target = availabilityTarget else { return nil }
        let field = "availability_target_percent"
        if fading == nil { return (field, "needs the climate the hops fade in: \(name("rain_rate_mm_h")) and \(name("dn1"))") }
        if hubField == nil { return (field, "chooses the hops that chain sites to a hub: give \(name("hub_field"))") }
        return target > 0 && target <= 100 ? nil : (field, "must be within 0–100 %")
    }

    public init(
        terrainPath: String, sitesPath: String, hops: HopSelection, outputPath: String, model: PathLossModel,
        frequencyMHz: Double, environment: RadioEnvironment, earth: EarthModel, budget: LinkBudgetSettings?, hubField: String? = nil,
        fading: FadingClimate? = nil, availabilityTarget: Double? = nil, atmosphere: HopAtmosphere = .reference
    ) {
        self.terrainPath = terrainPath
        self.sitesPath = sitesPath
        self.hops = hops
        self.outputPath = outputPath
        self.model = model
        self.frequencyMHz = frequencyMHz
        self.environment = environment
        self.earth = earth
        self.budget = budget
        self.hubField = hubField
        self.fading = fading
        self.availabilityTarget = availabilityTarget
        self.atmosphere = atmosphere
    }
}

/// One hop checked: its ends, and what `phusong path` says of it.
public struct Hop: Sendable, Equatable {
    public let from: Site
    public let to: Site
    public let lengthM: Double
    public let lossDB: Double?
    public let mode: String?
    public let fresnel: FresnelReport
    /// What the air's oxygen and water vapour absorb between the masts, dB (the budget counts it).
    public let gaseousAbsorptionDB: Double
    public let budget: LinkBudgetReport?
    /// How much of the year the hop's margin holds against rain and multipath, when the request gave a climate.
    public let availability: HopAvailability?
}

/// The hops checked and, with hubs, how each site reaches one.
public struct BackhaulResult: Sendable {
    public let hops: [Hop]
    public let reach: [HubReach]?
    /// Pairs within `--within-km` left out because the line between them leaves the terrain (site ids).
    public let leftOut: [(from: String, to: String)]

    /// How many hops are available at least `percent` of the year; nil when the request gave no climate.
    public func hopsAvailable(atLeast percent: Double) -> Int? {
        let availabilities = hops.compactMap { $0.availability?.availabilityPercent }
        return availabilities.isEmpty ? nil : availabilities.filter { $0 >= percent }.count
    }
}

public enum BackhaulJob {
    /// Checks the request's hops over the terrain and writes `hops.csv` and `hops.geojson` (and with hubs `reach.csv`),
    /// all or none.
    public static func run(_ request: BackhaulRequest) throws(InputError) -> BackhaulResult {
        let link = try checkedSettings(request)
        let entries = try SiteFile.entries(request.sitesPath, keeping: request.hubField.map { [$0] } ?? [])
        let sites = entries.map(\.site)
        let hubs = try request.hubField.map { field throws(InputError) in
            try BackhaulReach.hubs(entries, field: field, sitesPath: request.sitesPath)
        }
        let source = try DEMSource.open(request.terrainPath)
        if let outside = try source.indicesOutside(sites.map(\.location)).first {
            let site = sites[outside]
            throw InputError(path: request.sitesPath, reason: "site '\(site.id)' \(try source.outsideReason(for: site.location))")
        }
        let pairs = try HopPairs.select(request.hops, sites: sites, sitesPath: request.sitesPath)
        let fading = try request.fading.map { climate throws(InputError) in
            let model = try HopFading(climate, source: source, around: sites.map(\.location))
            let middles = pairs.map { HopFading.middle(of: (sites[$0.0].location, sites[$0.1].location)) }
            return (model: model, terrainRoughness: try model.terrainRoughness(around: middles))
        }
        let checked = try check(pairs, of: sites, over: source, link: link, fading: fading, request: request)
        let hops = checked.compactMap { $0 }
        let leftOut = zip(pairs, checked).filter { $0.1 == nil }.map { (from: sites[$0.0.0].id, to: sites[$0.0.1].id) }
        let reach = hubs.map { BackhaulReach.reach(
            sites: sites, hubs: $0, hops: hops, frequencyMHz: request.frequencyMHz, availabilityTarget: request.availabilityTarget
        ) }
        let staging = try OutputStaging(destination: request.outputPath)
        do throws(InputError) {
            try staging.write(BackhaulOutputs.csv(hops), to: "hops.csv")
            try staging.write(BackhaulOutputs.geoJSON(hops, syntheticTerrain: try source.describe().isSynthetic), to: "hops.geojson")
            if let reach { try staging.write(BackhaulReach.csv(reach), to: "reach.csv") }
            try staging.commit(retiring: ["reach.csv"])
        } catch {
            staging.discard()
            throw error
        }
        return BackhaulResult(hops: hops, reach: reach, leftOut: leftOut)
    }

    /// The link every hop shares, once the request's settings are checked: the output folder, P.526's ground, the
    /// climate and the availability target.
    private static func checkedSettings(_ request: BackhaulRequest) throws(InputError) -> LinkSettings {
        try checkOutputFolder(request.outputPath)
        let link = LinkSettings(
            transmitterHeight: 0, receiverHeight: 0, frequencyMHz: request.frequencyMHz, environment: request.environment,
            earth: request.earth
        )
        if request.model == .p526 { try PathJob.validateP526(link) }
        try HopFading.check(request.fading, budget: request.budget)
        if let problem = request.availabilityTargetProblem(naming: { "--" + $0.replacingOccurrences(of: "_", with: "-") }) {
            throw InputError(path: "--availability-target", reason: problem.message)
        }
        return link
    }

    /// Every pair's hop, in the pairs' order; nil for a pair within `--within-km` whose line leaves the terrain (a pair
    /// the request lists is refused instead). Each hop's profile is cut from a grid anchored, as `phusong path` anchors
    /// its own, on the hop's first site, so that a hop and the same path checked alone sample the same heights: a grid
    /// per first site, the first sites spread over the cores.
    private static func check(
        _ pairs: [(Int, Int)], of sites: [Site], over source: DEMSource, link: LinkSettings,
        fading: (model: HopFading, terrainRoughness: [Double])?, request: BackhaulRequest
    ) throws(InputError) -> [Hop?] {
        let groups = Dictionary(grouping: pairs.indices) { pairs[$0].0 }.sorted { $0.key < $1.key }
        let checked = parallelMap(count: groups.count, chunkSize: 1) { group -> Result<[(Int, Hop?)], InputError> in
            let (a, members) = groups[group]
            let ends = [a] + members.map { pairs[$0].1 }
            do throws(InputError) {
                let grid: TerrainGrid
                do throws(InputError) {
                    grid = try source.metricGrid(around: ends.map { sites[$0].location }, radius: 1_000).grid
                } catch {
                    throw InputError(path: error.path, reason: "hops from '\(sites[a].id)': \(error.reason)")
                }
                let points = try mapPoints(of: ends.map { sites[$0] }, on: grid, request)
                return .success(try zip(members, points.dropFirst()).map { member, point throws(InputError) in
                    let hopFading = fading.map { (model: $0.model, terrainRoughness: $0.terrainRoughness[member]) }
                    return (member, try hop(
                        sites[a], sites[pairs[member].1], ends: (points[0], point), grid: grid, link: link, fading: hopFading, request: request
                    ))
                })
            } catch {
                return .failure(error)
            }
        }
        var hops = [Hop?](repeating: nil, count: pairs.count)
        for result in checked {
            for (index, hop) in try result.get() { hops[index] = hop }
        }
        return hops
    }

    /// The sites' positions on `grid`'s map.
    private static func mapPoints(of sites: [Site], on grid: TerrainGrid, _ request: BackhaulRequest) throws(InputError) -> [MapPoint] {
        do {
            return try CoverageEngine.positions(of: sites, on: grid)
        } catch {
            throw InputError(path: request.terrainPath, reason: error.message)
        }
    }

    /// The hop from `from`'s antenna to `to`'s, checked as `phusong path` checks one; nil when its line leaves the
    /// terrain and the pair was not listed.
    private static func hop(
        _ from: Site, _ to: Site, ends: (MapPoint, MapPoint), grid: TerrainGrid, link: LinkSettings,
        fading: (model: HopFading, terrainRoughness: Double)?, request: BackhaulRequest
    ) throws(InputError) -> Hop? {
        var settings = link
        settings.transmitterHeight = from.antennaHeight
        settings.receiverHeight = to.antennaHeight
        let path = PathRequest(
            terrainPath: request.terrainPath, from: from.location, to: to.location, link: settings, budget: request.budget,
            fading: request.fading, atmosphere: request.atmosphere
        )
        do throws(InputError) {
            let profile: TerrainProfile
            do throws(InputError) {
                profile = try grid.profile(from: ends.0, to: ends.1)
            } catch {
                if case .within = request.hops { return nil }
                throw error
            }
            let report = try PathJob.report(TerrainPath(path, grid: grid, ends: ends, profile: profile, fading: fading), model: request.model)
            return Hop(
                from: from, to: to, lengthM: report.profile.lengthM, lossDB: report.lossDB, mode: report.mode, fresnel: report.fresnel,
                gaseousAbsorptionDB: report.gaseousAbsorption.db, budget: report.linkBudget, availability: report.availability
            )
        } catch {
            throw InputError(path: error.path, reason: "hop '\(from.id)' → '\(to.id)': \(error.reason)")
        }
    }
}
