import Coverage
import Foundation
import Planning
import Propagation
import Terrain

/// What `phusong candidates` needs: terrain, residents, how densely to search and what to propose there.
public struct CandidateSearchRequest: Sendable {
    public var terrainPath: String
    public var residents: ResidentsRequest
    /// The CSV written: the candidates (after the rows of `existingPath`, when given).
    public var outputPath: String
    /// A plan's candidate CSV whose rows come first, and whose columns the new rows take.
    public var existingPath: String?
    /// Side of the square blocks searched, metres: one candidate per block at most.
    public var blockSize: Double = 2_000
    /// Residents within this distance of a candidate are its reach, metres.
    public var reach: Double = 5_000
    /// The most candidates proposed, those reaching most residents.
    public var maximum = 50
    /// Grid cell size, metres; nil: the DEM's own.
    public var resolution: Double?
    /// How much void the area may hold, and how voids are filled.
    public var voidPolicy = VoidPolicy()
    /// What each candidate proposes.
    public var heightM = 30.0, technology = Technology.gsm, frequencyMHz: Double?, eirpDBm = 60.0, cost = 100.0
    /// Each candidate's antenna gain (with its EIRP, what `--uplink` needs); nil: not stated.
    public var antennaGainDBi: Double?

    public init(terrainPath: String, residents: ResidentsRequest, outputPath: String) {
        self.terrainPath = terrainPath
        self.residents = residents
        self.outputPath = outputPath
    }
}

/// A greenfield position found: the highest cell of its block.
public struct FoundCandidate: Sendable, Equatable {
    public let id: String
    public let location: GeoPoint
    public let elevationM: Double
    /// Residents within the request's reach, weighted as the plan weighs them (× (1 + their commune's priority
    /// weight)).
    public let weightedResidentsInReach: Double
}

/// Greenfield candidates for `phusong plan`, found on terrain: the grid over the population layer is cut into blocks,
/// each block offers its highest cell (a hilltop sees farthest), and the blocks whose hilltops have the most residents
/// within reach — weighted by their communes' priority, as the plan weighs them — are proposed. They are nominal positions — search rings to survey for land, road and power — and
/// the plan's optimiser, which keeps the existing sites, picks among them.
public enum CandidateSearch {
    public static func run(_ request: CandidateSearchRequest) throws(InputError) -> [FoundCandidate] {
        let existing = try request.existingPath.map { path throws(InputError) in try ExistingCandidates(path: path) }
        let layer = try AdminLayer.load(request.residents.populationPath, fields: request.residents.fields)
        let bounds = layer.bounds
        let centre = GeoPoint(latitude: (bounds.minY + bounds.maxY) / 2, longitude: (bounds.minX + bounds.maxX) / 2)
        let grid = try DEMSource.open(request.terrainPath).metricGrid(
            around: [centre], radius: request.reach, region: bounds, resolution: request.resolution, policy: request.voidPolicy
        ).grid
        let residents = weightedResidents(
            try ResidentEvaluation.residents(of: layer, request: request.residents, on: grid), cellCount: grid.elevations.count
        )
        let hilltops = blockHilltops(grid: grid, blockCells: max(1, Int((request.blockSize / grid.spacing).rounded())))
        let reach = ResidentsInReach(residents: residents, width: grid.width, radiusCells: request.reach / grid.spacing)
        let reached: [(cell: Int, residents: Double)] = hilltops.map { (cell: $0, residents: reach.sum(around: $0)) }
        let ranked = reached.filter { $0.residents > 0 }
            .sorted { $0.residents != $1.residents ? $0.residents > $1.residents : $0.cell < $1.cell }
            .prefix(request.maximum)
        let centres = ranked.map { grid.center(column: $0.cell % grid.width, row: $0.cell / grid.width) }
        let positions: [MapPoint]
        do throws(ProjectionError) {
            positions = try CoordinateTransform(from: grid.crs, to: wgs84).apply(centres)
        } catch {
            throw InputError(path: request.terrainPath, reason: "cannot place candidates in longitude/latitude: \(error.message)")
        }
        let found = zip(ranked, positions).enumerated().map { rank, pair in
            FoundCandidate(
                id: "HT-\(rank + 1)", location: GeoPoint(latitude: pair.1.y, longitude: pair.1.x),
                elevationM: Double(grid.elevations[pair.0.cell]), weightedResidentsInReach: pair.0.residents
            )
        }
        try writeTextFile(try (existing ?? ExistingCandidates.standalone).appending(found, request: request), to: request.outputPath)
        return found
    }

    /// Residents per cell weighted as the plan weighs them: × (1 + their commune's priority weight).
    static func weightedResidents(_ residents: ResidentGrid, cellCount: Int) -> [Double] {
        var total = [Double](repeating: 0, count: cellCount)
        for (unit, (cells, values)) in zip(residents.unitCells, residents.unitResidents).enumerated() {
            let factor = 1 + residents.layer.units[unit].priorityWeight
            for (cell, value) in zip(cells, values) { total[cell] += value * factor }
        }
        return total
    }

    /// The grid index of the highest cell with an elevation in each `blockCells` × `blockCells` block (the first
    /// in row order on a tie); blocks of voids offer none.
    static func blockHilltops(grid: TerrainGrid, blockCells: Int) -> [Int] {
        var hilltops: [Int] = []
        for blockRow in stride(from: 0, to: grid.height, by: blockCells) {
            for blockColumn in stride(from: 0, to: grid.width, by: blockCells) {
                var best: Int?
                for row in blockRow..<min(grid.height, blockRow + blockCells) {
                    for column in blockColumn..<min(grid.width, blockColumn + blockCells) {
                        let index = row * grid.width + column, height = grid.elevations[index]
                        if !height.isNaN, best.map({ height > grid.elevations[$0] }) ?? true { best = index }
                    }
                }
                if let best { hilltops.append(best) }
            }
        }
        return hilltops
    }
}

/// Sums of residents over discs of the grid, from prefix sums along each row.
struct ResidentsInReach {
    private let prefix: [Double]
    private let width: Int
    private let height: Int
    private let radiusCells: Double

    init(residents: [Double], width: Int, radiusCells: Double) {
        self.width = width
        height = residents.count / width
        self.radiusCells = radiusCells
        var prefix = [Double](repeating: 0, count: (width + 1) * height)
        for row in 0..<height {
            for column in 0..<width {
                prefix[row * (width + 1) + column + 1] = prefix[row * (width + 1) + column] + residents[row * width + column]
            }
        }
        self.prefix = prefix
    }

    /// Residents of the cells whose centres lie within the radius of cell `index`'s centre.
    func sum(around index: Int) -> Double {
        let (column, row) = (index % width, index / width)
        let reach = Int(radiusCells.rounded(.down))
        var total = 0.0
        for other in max(0, row - reach)...min(height - 1, row + reach) {
            let dy = Double(other - row), half = (radiusCells * radiusCells - dy * dy).squareRoot()
            let first = max(0, column - Int(half.rounded(.down))), last = min(width - 1, column + Int(half.rounded(.down)))
            guard first <= last else { continue }
            total += prefix[other * (width + 1) + last + 1] - prefix[other * (width + 1) + first]
        }
        return total
    }
}
