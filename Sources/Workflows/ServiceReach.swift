import Propagation
import Terrain

/// How far each site serves handsets: the distance from it to the far corner of the farthest grid cell where it is its
/// technology's best server (the cell range a 4G cell's random-access preambles must outlast: `phusong prach
/// --cell-radius-from`). Distances are the grid's, in its UTM projection (within its scale factor, 0.04 %, of the
/// ground's).
enum ServiceReach {
    /// Per site (numbered from 1 in `servers`, in the order of `positions`, its place on `grid`), its reach in km to the
    /// metre; nil for a site that serves no cell.
    static func kilometres(servers: [Technology: BestServers], positions: [MapPoint], grid: TerrainGrid) -> [Double?] {
        var farthestSquared = [Double](repeating: -1, count: positions.count)
        for best in servers.values {
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
