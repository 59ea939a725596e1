import Propagation
import Terrain

/// How far each site serves handsets: the distance from it to the far corner of the farthest grid cell where it is its
/// technology's best server (its operator's, when the sites name operators) (the cell range a 4G cell's random-access preambles must outlast: `phusong prach
/// --cell-radius-from`). Distances are the grid's, in its UTM projection (within its scale factor, 0.1 % at most, of the
/// ground's).
enum ServiceReach {
    /// Per site (numbered from 1 in `servers`, each serving layer's best servers, in the order of `positions`, its place
    /// on `grid`), its reach in km to the metre; nil for a site that serves no cell.
    static func kilometres(servers: [BestServers], positions: [MapPoint], grid: TerrainGrid) -> [Double?] {
        var farthestSquared = [Double](repeating: -1, count: positions.count)
        for best in servers {
            best.number.withUnsafeBufferPointer { number in
                for row in 0..<grid.height {
                    let rowStart = row &* grid.width, y = grid.center(column: 0, row: row).y
                    for column in 0..<grid.width {
                        let site = Int(number[rowStart &+ column]) &- 1
                        guard site >= 0 else { continue }
                        let dx = grid.cornerX + (Double(column) + 0.5) * grid.spacing - positions[site].x, dy = y - positions[site].y
                        farthestSquared[site] = max(farthestSquared[site], dx * dx + dy * dy)
                    }
                }
            }
        }
        let halfDiagonal = grid.spacing / 2.0.squareRoot()
        return farthestSquared.map { $0 < 0 ? nil : ($0.squareRoot() + halfDiagonal).rounded() / 1_000 }
    }
}

extension ServiceReach {
    /// How far a GSM handset may be and keep its burst in its time slot: timing advance 63 steps of one bit (48/13 µs)
    /// of round trip, km.
    static let gsmTimingAdvanceKm = 63 * (48.0 / 13) * 299_792.458e-6 / 2

    /// The warning for a 2G site serving cells beyond the timing advance (`reachKm`); nil within it.
    static func timingAdvanceWarning(siteID: String, technology: Technology, reachKm: Double?) -> String? {
        guard technology == .gsm, let reachKm, reachKm > gsmTimingAdvanceKm else { return nil }
        return "site '\(siteID)': 2G best server up to \(String(format: "%.1f", reachKm)) km away, beyond GSM's timing advance "
            + "(63 steps, \(String(format: "%.1f", gsmTimingAdvanceKm)) km): calls there fail unless the cell is an extended cell"
    }
}
