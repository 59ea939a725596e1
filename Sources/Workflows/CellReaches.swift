import Foundation
import Terrain

/// How far each site of a footprint run serves (its `summary.json`'s `site_areas`' `reach_km`: the farthest it is its
/// technology's best server), for cell-range settings such as the PRACH cyclic shift. The run computed no cell beyond
/// its radius, so a reach there may be the radius's rather than the site's.
public struct CellReaches: Sendable {
    /// Per site of the run, its reach (km); nil for a site serving no cell.
    public let kilometres: [String: Double?]
    /// The run's radius (km) and cell size (m).
    public let runRadiusKm: Double
    public let resolutionM: Double
    /// The summary read.
    public let path: String

    /// The reaches in the `summary.json` at `path`; refused when it is no run's summary, or holds no reach.
    public init(summary path: String) throws(InputError) {
        struct Summary: Decodable {
            struct SiteArea: Decodable {
                let id: String
                let reachKm: Double?
                enum CodingKeys: String, CodingKey { case id, reachKm = "reach_km" }
            }
            let siteAreas: [SiteArea]
            let radiusKm: Double
            let resolutionM: Double
            enum CodingKeys: String, CodingKey {
                case siteAreas = "site_areas"
                case radiusKm = "radius_km"
                case resolutionM = "resolution_m"
            }
        }
        let text = try readTextInput(path)
        guard let summary = try? JSONDecoder().decode(Summary.self, from: Data(text.utf8)) else {
            throw InputError(path: path, reason: "not a footprint run's summary.json (radius_km, resolution_m and site_areas, each with an id)")
        }
        guard summary.siteAreas.contains(where: { $0.reachKm != nil }) else {
            throw InputError(path: path, reason: "no site has a reach_km: none serves a cell, or the run is older than reach_km; run the footprint again")
        }
        kilometres = Dictionary(summary.siteAreas.map { ($0.id, $0.reachKm) }) { first, _ in first }
        runRadiusKm = summary.radiusKm
        resolutionM = summary.resolutionM
        self.path = path
    }

    /// Whether site `id` serves cells within a cell of the run's radius: it may reach farther than the run computed.
    public func atRunRadius(_ id: String) -> Bool {
        guard let reach = kilometres[id] ?? nil else { return false }
        return reach >= runRadiusKm - resolutionM / 1_000
    }

    /// Site `id`'s reach (km; nil for a site serving no cell); a site not in the run refused.
    public func reach(of id: String) throws(InputError) -> Double? {
        guard let reach = kilometres[id] else {
            throw InputError(path: path, reason: "site '\(id)' of the neighbour lists is not in its site_areas: the lists come from another run")
        }
        return reach
    }
}
