import Coverage
import Propagation
import Terrain

/// Each facility on the run's grid: the cell it lies on and, per technology, the site serving it there — the strongest
/// of that technology's sites covering the cell, as `best_server.tif` chooses — with its power and margin over that
/// site's threshold; which operators' sites cover it, when the sites name theirs; and the nearest site.
struct FacilityCoverage {
    /// A technology's service at a facility.
    struct Service {
        /// The serving site's index in the run's list.
        let site: Int
        let powerDBm: Double
        /// The power above the serving site's own threshold (≥ 0).
        let marginDB: Double
    }

    struct Facility {
        let name: String
        let kind: String
        /// As the layer gives it, in longitude and latitude.
        let location: GeoPoint
        /// On the grid's CRS.
        let position: MapPoint
        /// The grid cell it lies on; nil beyond the grid or over a void, where coverage is not known.
        let cell: Int?
        let servers: [Technology: Service]
        /// Per operator whose sites cover it, the keys of `CoverageMasks.keys` they cover it with.
        let operators: [String: Set<String>]
        let nearestSite: (id: String, km: Double)?

        /// The keys of `CoverageMasks.keys` covering it: its servers' technologies and "any" when it has one.
        var coveredBy: Set<String> { Set(servers.keys.map(\.rawValue) + (servers.isEmpty ? [] : ["any"])) }
    }

    let facilities: [Facility]

    /// The cell of `grid` holding `position` (on its CRS); nil beyond the grid or over a void.
    static func cell(of position: MapPoint, on grid: TerrainGrid) -> Int? {
        grid.cellIndex(containing: position).flatMap { grid.elevations[$0].isNaN ? nil : $0 }
    }

    /// Looks up `points` (their names, kinds and positions in longitude/latitude and on `grid`'s CRS) among `servers`
    /// (each serving layer's best servers: one technology's sites of one operator, or of every operator when the sites
    /// name none) of `sites`, whose own thresholds are `thresholds`.
    init(
        _ points: [(name: String, kind: String, location: GeoPoint, position: MapPoint)], grid: TerrainGrid,
        servers: [ServingLayer: BestServers], sites: [Site], thresholds: [Double]
    ) {
        facilities = points.map { point in
            let cell = Self.cell(of: point.position, on: grid)
            var best: [Technology: Service] = [:]
            var covering: [String: Set<String>] = [:]
            if let cell {
                for (layer, layerServers) in servers {
                    let number = Int(layerServers.number[cell])
                    guard number > 0 else { continue }
                    if let name = layer.networkOperator { covering[name, default: []].formUnion([layer.technology.rawValue, "any"]) }
                    let power = Double(layerServers.power[cell])
                    if let held = best[layer.technology], held.powerDBm > power || (held.powerDBm == power && held.site < number - 1) { continue }
                    best[layer.technology] = Service(site: number - 1, powerDBm: power, marginDB: power - thresholds[number - 1])
                }
            }
            let nearest = sites.min { point.location.distance(to: $0.location) < point.location.distance(to: $1.location) }
            return Facility(
                name: point.name, kind: point.kind, location: point.location, position: point.position, cell: cell, servers: best,
                operators: covering, nearestSite: nearest.map { ($0.id, point.location.distance(to: $0.location) / 1_000) }
            )
        }
    }
}
