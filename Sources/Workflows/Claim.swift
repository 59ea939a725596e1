import Coverage
import Foundation
import Planning
import Propagation
import Terrain

/// An operator's coverage claim for `phusong verify`: the scenario to recompute (terrain, sites, population,
/// model and parameters) and the figures claimed. Relative paths resolve against the claim's folder.
public struct Claim: Sendable {
    /// A claimed share covered, %: of residents, of a land-cover class's cells within the communes, of roads' length, or
    /// of facilities.
    public struct Figure: Sendable, Equatable {
        /// What the share is of.
        public enum Scope: Sendable, Equatable {
            /// The residents of the whole layer.
            case province
            /// The residents of the commune with this id.
            case commune(String)
            /// The cells of this land-cover class (the scenario's clutter) within the communes.
            case landCover(String)
            /// The residential land (the scenario's `residential_classes`) of the whole layer, or of the commune with
            /// this id.
            case residential(commune: String?)
            /// The residents where 4G (or 5G: `rate_5g`) covers them at the scenario's rate limit
            /// (`throughput_limit_mbps`) or faster, of the whole layer or of the commune with this id; the layer is "4G"
            /// or "5G".
            case rate(commune: String?)

            /// The claim's keys of the rates, and their technologies.
            static let rateKeys = [("rate", Technology.lte), ("rate_5g", .nr)]
            /// The residents covered now whom the scenario's `sunset` leaves without coverage, of the whole layer or of
            /// the commune with this id; the layer names the technologies switched off.
            case sunset(commune: String?)
            /// The residents this operator's sites cover (the scenario's sites naming their `operator`), of the whole
            /// layer or of the commune with this id.
            case networkOperator(String, commune: String?)
            /// The length in the run's area of the scenario's `roads`: all together, or the road of this name.
            case road(String?)
            /// The facilities of the scenario's `facilities` in the run's area: all of them, or those of this kind.
            case facility(String?)
        }

        public let scope: Scope
        /// "2G", "3G", "4G", "5G" or "any".
        public let layer: String
        public let percent: Double
    }

    public let path: String
    /// The run to recompute; its output folder is set by the verification.
    public let request: FootprintRequest
    public let figures: [Figure]
    /// The most residents the claim says any gap in their coverage holds (`gaps.csv`, of the scenario's `gap_technology`).
    public let largestGapResidents: Double?
    /// A claimed footprint (any OGR polygon layer), compared with the computed union of all sites.
    public let footprintPath: String?
    /// Largest accepted |claimed − computed|, percentage points.
    public let tolerancePP: Double
    /// Largest accepted area of claimed-minus-computed footprint, % of the claimed area.
    public let footprintTolerancePercent: Double

    /// Every input the verification reads, claim first.
    public var inputFiles: [String] {
        [path] + request.inputFiles + [footprintPath].compactMap { $0 }
    }

    /// Reads and checks a claim file; every fault names the file and the field.
    public static func load(_ path: String) throws(InputError) -> Claim {
        let root = try JSONFields(file: path)
        try root.onlyKeys(["scenario", "claimed", "tolerance_pp", "footprint_tolerance_percent"])
        func resolve(_ file: String) -> String { resolvedPath(file, namedIn: path) }
        guard let scenario = try root.object("scenario") else { throw root.fault("scenario", "missing") }
        guard let claimed = try root.object("claimed") else { throw root.fault("claimed", "missing") }
        let request = try ScenarioFields.request(scenario, resolve: resolve)
        try claimed.onlyKeys(["province", "communes", "land_cover", "residential", "rate", "rate_5g", "sunset", "operators", "roads", "facilities", "gaps", "footprint"])
        var figures: [Figure] = []
        if let province = try claimed.object("province") {
            figures += try percentages(province, scope: .province)
        }
        if let communes = try claimed.object("communes") {
            for id in communes.keys {
                figures += try percentages(try communes.object(id)!, scope: .commune(id))
            }
        }
        if let classes = try claimed.object("land_cover") {
            guard request.clutter != nil else {
                throw claimed.fault("land_cover", "needs the scenario's clutter and clutter_losses (the land-cover raster it counts on)")
            }
            for value in classes.keys {
                guard Int32(value) != nil else { throw classes.fault(value, "is not a land-cover class (a whole number)") }
                figures += try percentages(try classes.object(value)!, scope: .landCover(value))
            }
        }
        if let residential = try claimed.object("residential") {
            guard request.clutter?.residentialClasses.isEmpty == false else {
                throw claimed.fault("residential", "needs the scenario's clutter, clutter_losses and residential_classes")
            }
            figures += try wholeAndEach(residential, whole: "province", each: "communes") { .residential(commune: $0) }
        }
        for (key, technology) in Figure.Scope.rateKeys {
            guard let rate = try claimed.object(key) else { continue }
            guard request.sinr?.throughput != nil else {
                throw claimed.fault(key, "needs the scenario's sinr: true and throughput: true (its throughput_limit_mbps is the rate)")
            }
            figures += try residentShares(rate, layer: technology.rawValue, scope: Figure.Scope.rate)
        }
        if let sunset = try claimed.object("sunset") {
            let technologies = request.residents?.sunset ?? []
            guard !technologies.isEmpty else { throw claimed.fault("sunset", "needs the scenario's sunset (the technologies switched off)") }
            let layer = Technology.allCases.filter(technologies.contains).map(\.rawValue).joined(separator: ",")
            figures += try residentShares(sunset, layer: layer, scope: Figure.Scope.sunset)
        }
        if let operators = try claimed.object("operators") {
            for name in operators.keys {
                figures += try wholeAndEach(try operators.object(name)!, whole: "province", each: "communes") { .networkOperator(name, commune: $0) }
            }
        }
        if let roads = try claimed.object("roads") {
            guard request.roads != nil else { throw claimed.fault("roads", "needs the scenario's roads (the line layer whose length it counts)") }
            figures += try wholeAndEach(roads, whole: "total", each: "by_road", scope: Figure.Scope.road)
        }
        if let facilities = try claimed.object("facilities") {
            guard request.facilities != nil else { throw claimed.fault("facilities", "needs the scenario's facilities (the point layer it counts)") }
            figures += try wholeAndEach(facilities, whole: "total", each: "by_type", scope: Figure.Scope.facility)
        }
        var largestGap: Double?
        if let gaps = try claimed.object("gaps") {
            try gaps.onlyKeys(["largest_residents"])
            guard let most = try gaps.number("largest_residents"), most >= 0 else {
                throw gaps.fault("largest_residents", "must be a number of residents, 0 or more")
            }
            largestGap = most
        }
        let footprint = try claimed.string("footprint").map(resolve)
        guard !figures.isEmpty || largestGap != nil || footprint != nil else {
            throw claimed.fault(
                "province",
                "the claim states no figure: give province, commune, land-cover, residential, rate, sunset, operators', roads' or facilities' percentages, the gaps' largest_residents, or a footprint"
            )
        }
        for file in [request.terrainPath, request.sitesPath, request.residents!.populationPath]
            + [request.residents?.counts?.path, request.roads?.path, request.facilities?.path, footprint].compactMap({ $0 })
        where !VectorSource(file).fileExists {
            throw InputError(path: path, reason: "references a missing file: \(file)")
        }
        let tolerance = try root.number("tolerance_pp") ?? 0.5
        let footprintTolerance = try root.number("footprint_tolerance_percent") ?? 0.5
        guard tolerance >= 0 else { throw root.fault("tolerance_pp", "must not be negative") }
        guard footprintTolerance >= 0 else { throw root.fault("footprint_tolerance_percent", "must not be negative") }
        return Claim(
            path: path, request: request, figures: figures, largestGapResidents: largestGap, footprintPath: footprint, tolerancePP: tolerance,
            footprintTolerancePercent: footprintTolerance
        )
    }

    /// A share of residents of `layer` for the province and per commune id (`{"province": 80, "communes": {"…": 95}}`).
    private static func residentShares(
        _ fields: JSONFields, layer: String, scope: (String?) -> Figure.Scope
    ) throws(InputError) -> [Figure] {
        try fields.onlyKeys(["province", "communes"])
        var figures = [try percentage(fields, "province", scope: scope(nil), layer: layer)].compactMap { $0 }
        if let communes = try fields.object("communes") {
            for id in communes.keys { figures.append(try percentage(communes, id, scope: scope(id), layer: layer)!) }
        }
        return figures
    }

    /// The percentages per coverage layer of the whole (`fields`' key `whole`, of `scope(nil)`) and of each part named
    /// in its key `each` (of `scope(name)`): `{"total": {"any": 95}, "by_road": {"QL4A": {"4G": 90}}}`; no other key.
    private static func wholeAndEach(
        _ fields: JSONFields, whole: String, each: String, scope: (String?) -> Figure.Scope
    ) throws(InputError) -> [Figure] {
        try fields.onlyKeys([whole, each])
        var figures: [Figure] = []
        if let shares = try fields.object(whole) { figures = try percentages(shares, scope: scope(nil)) }
        if let parts = try fields.object(each) {
            for name in parts.keys { figures += try percentages(try parts.object(name)!, scope: scope(name)) }
        }
        return figures
    }

    /// A percentage per coverage layer ("2G" … "any"), each its key.
    private static func percentages(_ fields: JSONFields, scope: Figure.Scope) throws(InputError) -> [Figure] {
        try fields.onlyKeys(Set(CoverageMasks.keys))
        return try fields.keys.map { key throws(InputError) in try percentage(fields, key, scope: scope, layer: key)! }
    }

    /// The percentage at `key` of `layer`; nil when absent.
    private static func percentage(_ fields: JSONFields, _ key: String, scope: Figure.Scope, layer: String) throws(InputError) -> Figure? {
        guard fields.keys.contains(key) else { return nil }
        guard let value = try fields.number(key), (0...100).contains(value) else { throw fields.fault(key, "must be a percentage 0–100") }
        return Figure(scope: scope, layer: layer, percent: value)
    }
}
