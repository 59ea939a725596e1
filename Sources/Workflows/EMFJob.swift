import Coverage
import Foundation
import Propagation
import Terrain

/// `phusong emf`: each mast's compliance zone for human exposure to its antennas' fields at full load, and the exposure
/// of people standing on the ground around it, the terrain's.
public struct EMFRequest: Sendable {
    public var terrainPath: String
    public var sitesPath: String
    public var outputPath: String
    public var limits: ExposureLimits
    /// How far from each mast the ground is assessed, metres.
    public var radiusM: Double
    /// The height of a person standing on the ground, metres: the ground is assessed from its level up to this.
    public var personHeightM: Double

    /// The ground's assessment radii allowed, metres.
    public static let radiiM = 10.0...1_000
    /// The heights of a person allowed, metres.
    public static let personHeightsM = 0.0...3

    /// What is wrong with the radius or the person's height, if anything: the setting as the manifest names it, and why.
    public var problem: (field: String, message: String)? {
        if !Self.radiiM.contains(radiusM) { return ("radius_m", "must lie within \(Int(Self.radiiM.lowerBound))–\(Int(Self.radiiM.upperBound)) m") }
        if !Self.personHeightsM.contains(personHeightM) {
            return ("person_height_m", "must lie within \(Int(Self.personHeightsM.lowerBound))–\(Int(Self.personHeightsM.upperBound)) m")
        }
        return nil
    }

    public init(
        terrainPath: String, sitesPath: String, outputPath: String, limits: ExposureLimits = .vietnam, radiusM: Double = 100,
        personHeightM: Double = 2
    ) {
        self.terrainPath = terrainPath
        self.sitesPath = sitesPath
        self.outputPath = outputPath
        self.limits = limits
        self.radiusM = radiusM
        self.personHeightM = personHeightM
    }
}

/// One mast's exposure: its compliance zone and the most a person on the ground around it is exposed to.
public struct MastExposure: Sendable {
    /// The mast's name (its sites' `mast`, or its first site's id) and its sites' ids.
    public let name: String
    public let siteIDs: [String]
    /// The mast's centre (its antennas' mean position).
    public let location: GeoPoint
    /// The full-load EIRP of its antennas together, watts.
    public let fullLoadEIRPWatts: Double
    /// How far the zone reaches horizontally from the centre, metres, and towards which true azimuth (whole degrees).
    public let zoneReachM: Double
    public let zoneReachAzimuth: Int
    /// The zone's lowest and highest points above the ground at the centre, metres.
    public let zoneBottomM: Double
    public let zoneTopM: Double
    /// The zone seen from above (map metres of `crs`), for `emf_zones.geojson`.
    let zoneOutline: [[(x: Double, y: Double)]]
    let crs: String
    /// The highest exposure ratio on the ground within the radius, from the ground up to a person's height, every
    /// antenna within twice the radius counted and the ground's reflection added; where it is, from the centre.
    public let groundMaximumRatio: Double
    public let groundMaximumDistanceM: Double
    public let groundMaximumAzimuth: Double
    /// The ground's area over the limit, m².
    public let groundOverLimitM2: Double
    /// The share of the ground within the radius that has terrain and so was assessed, % (voids and ground beyond the
    /// DEM are not).
    public let groundAssessedPercent: Double

    /// Whether nobody standing on the ground around the mast is exposed over the limit: false where somebody is, true
    /// where nobody is on ground wholly assessed, nil where nobody is on the part assessed (the rest off the terrain).
    public var isCompliant: Bool? { groundMaximumRatio >= 1 ? false : groundAssessedPercent < 100 ? nil : true }
}

public enum EMFJob {
    /// The ground's lattice around a mast, metres.
    static let groundSpacingM = 2.0

    /// Assesses every mast of the request's sites and writes `emf.csv` and `emf_zones.geojson`, both or neither.
    public static func run(_ request: EMFRequest) throws(InputError) -> [MastExposure] {
        try checkOutputFolder(request.outputPath)
        let sites = try SiteFile.load(request.sitesPath)
        try checkAssessable(sites, request)
        let source = try DEMSource.open(request.terrainPath)
        if let outside = try source.indicesOutside(sites.map(\.location)).first {
            let site = sites[outside]
            throw InputError(path: request.sitesPath, reason: "site '\(site.id)' \(try source.outsideReason(for: site.location))")
        }
        let masts = SiteMasts.groups(of: sites)
        let assessed = parallelMap(count: masts.count, chunkSize: 1) { index in
            Result { () throws(InputError) in try assess(masts[index], of: sites, over: source, request) }
        }
        let exposures = try assessed.map { result throws(InputError) in try result.get() }
        let staging = try OutputStaging(destination: request.outputPath)
        do throws(InputError) {
            try staging.write(EMFOutputs.csv(exposures, limits: request.limits), to: "emf.csv")
            try staging.write(try EMFOutputs.geoJSON(exposures, limits: request.limits, syntheticTerrain: try source.describe().isSynthetic), to: "emf_zones.geojson")
            try staging.commit()
        } catch {
            staging.discard()
            throw error
        }
        return exposures
    }

    /// Refuses a site whose full load the site file leaves unknown or whose frequency the limits do not cover.
    private static func checkAssessable(_ sites: [Site], _ request: EMFRequest) throws(InputError) {
        let range = request.limits.frequenciesMHz
        for site in sites {
            guard site.fullLoadEIRPDBm != nil else {
                throw InputError(
                    path: request.sitesPath,
                    reason: "site '\(site.id)' (\(site.technology.rawValue)): its full-load power is unknown: give \(site.fullLoadMissing)"
                )
            }
            guard range.contains(site.frequencyMHz) else {
                throw InputError(
                    path: request.sitesPath,
                    reason: "site '\(site.id)' transmits at \(site.frequencyMHz) MHz, outside the \(request.limits.rawValue) limits' "
                        + "\(Int(range.lowerBound))–\(Int(range.upperBound)) MHz"
                )
            }
        }
    }

    /// The exposure of the mast of `members` (indices into `sites`).
    private static func assess(_ members: [Int], of sites: [Site], over source: DEMSource, _ request: EMFRequest) throws(InputError) -> MastExposure {
        let mastSites = members.map { sites[$0] }
        let name = mastSites.lazy.compactMap(\.mast).first ?? mastSites[0].id
        let centre = GeoPoint(
            latitude: mastSites.map(\.location.latitude).reduce(0, +) / Double(mastSites.count),
            longitude: GeoPoint.meanLongitude(of: mastSites.map(\.location))
        )
        let others = sites.indices.filter { !members.contains($0) && sites[$0].location.distance(to: centre) <= 2 * request.radiusM }
        let nearby = mastSites + others.map { sites[$0] }
        let grid: TerrainGrid
        do throws(InputError) {
            // A mast by a void or the DEM's edge is assessed on the ground there is, and says how much: no void is
            // filled (in a window this small the area beyond a DEM's clip would pass for a small void) or refused.
            grid = try source.metricGrid(
                around: [centre] + nearby.map(\.location), radius: request.radiusM, resolution: groundSpacingM,
                policy: VoidPolicy(maxFilledRegionCells: 0, maxVoidFraction: 1)
            ).grid
        } catch {
            throw InputError(path: error.path, reason: "mast '\(name)': \(error.reason)")
        }
        let grounds = try self.grounds(of: nearby, over: source, mast: name, request)
        let (antennas, middle, gridNorth) = try place(nearby, standing: grounds, around: centre, on: grid, request)
        let own = ExposureField(sources: Array(antennas.prefix(mastSites.count)), gridNorth: gridNorth)
        let zone = ExposureZone(own, x: middle.x, y: middle.y)
        // The ground at the centre, or beside a void there the first antenna's.
        let foot = grid.siteGround(at: middle).map(Double.init) ?? grounds[0]
        let ground = GroundExposure(ExposureField(sources: antennas, gridNorth: gridNorth), on: grid, around: middle, request)
        let farthest = zone.reach.indices.max { zone.reach[$0] < zone.reach[$1] }!
        return MastExposure(
            name: name, siteIDs: mastSites.map(\.id), location: centre,
            fullLoadEIRPWatts: mastSites.reduce(0) { $0 + pow(10, ($1.fullLoadEIRPDBm! - 30) / 10) },
            zoneReachM: zone.reach[farthest], zoneReachAzimuth: farthest,
            zoneBottomM: (zone.heights?.lowerBound ?? foot) - foot, zoneTopM: (zone.heights?.upperBound ?? foot) - foot,
            zoneOutline: outline(zone, x: middle.x, y: middle.y, gridNorth: gridNorth), crs: grid.crs,
            groundMaximumRatio: ground.maximumRatio, groundMaximumDistanceM: ground.distanceM,
            groundMaximumAzimuth: ground.azimuth, groundOverLimitM2: ground.overLimitM2, groundAssessedPercent: ground.assessedPercent
        )
    }

    /// The ground under each of `sites`, metres, as a footprint run stands them: the DEM's own, or beside a void or the
    /// DEM's edge its neighbours' (on a grid of the DEM's cells whose small voids are filled).
    private static func grounds(of sites: [Site], over source: DEMSource, mast name: String, _ request: EMFRequest) throws(InputError) -> [Double] {
        do throws(InputError) {
            let grid = try source.metricGrid(around: sites.map(\.location), radius: request.radiusM, policy: VoidPolicy(maxVoidFraction: 1)).grid
            let points: [MapPoint]
            do { points = try CoverageEngine.positions(of: sites, on: grid) } catch { throw InputError(path: request.terrainPath, reason: error.message) }
            return try zip(sites, points).map { site, point throws(InputError) in
                guard let ground = grid.siteGround(at: site.location, position: point) else {
                    throw InputError(path: request.terrainPath, reason: "site '\(site.id)' stands on a terrain void")
                }
                return Double(ground)
            }
        } catch {
            throw InputError(path: error.path, reason: "mast '\(name)': \(error.reason)")
        }
    }

    /// `sites`' antennas on `grid`, at full load, over their `grounds`; `centre`'s map point, and the grid azimuth of
    /// true north there.
    private static func place(
        _ sites: [Site], standing grounds: [Double], around centre: GeoPoint, on grid: TerrainGrid, _ request: EMFRequest
    ) throws(InputError) -> (antennas: [ExposureSource], centre: MapPoint, gridNorth: Double) {
        let points: [MapPoint]
        do {
            let geographic = ([centre] + sites.map(\.location)).map { MapPoint(x: $0.longitude, y: $0.latitude) }
            points = try CoordinateTransform(from: wgs84, to: grid.crs).apply(geographic + [MapPoint(x: centre.longitude, y: centre.latitude + 0.001)])
        } catch {
            throw InputError(path: request.terrainPath, reason: error.message)
        }
        let middle = points[0], north = points.last!
        let antennas = sites.indices.map { index in
            let point = points[index + 1]
            return ExposureSource(sites[index], x: point.x, y: point.y, z: grounds[index] + sites[index].antennaHeight, limits: request.limits)!
        }
        return (antennas, middle, atan2(north.x - middle.x, north.y - middle.y) * 180 / .pi)
    }

    /// The zone seen from above: a polygon (as a ring of map points, closed) per run of azimuths it reaches, each from
    /// the centre; one around the centre when it reaches every azimuth. Runs of one azimuth, needles, are left out.
    private static func outline(_ zone: ExposureZone, x: Double, y: Double, gridNorth: Double) -> [[(x: Double, y: Double)]] {
        func vertex(_ degree: Int) -> (x: Double, y: Double) {
            let angle = (Double(degree) + gridNorth) * .pi / 180
            return (x + zone.reach[degree] * sin(angle), y + zone.reach[degree] * cos(angle))
        }
        // Azimuths turn clockwise: each ring is reversed to run counter-clockwise.
        guard let empty = zone.reach.firstIndex(of: 0) else {
            let ring = (0..<360).map(vertex)
            return [(ring + [ring[0]]).reversed()]
        }
        var rings: [[(x: Double, y: Double)]] = [], run: [Int] = []
        for degree in (1...360).map({ (empty + $0) % 360 }) {
            if zone.reach[degree] > 0 { run.append(degree); continue }
            if run.count > 1 { rings.append(([(x, y)] + run.map(vertex) + [(x, y)]).reversed()) }
            run = []
        }
        return rings
    }
}
