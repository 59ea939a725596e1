import Propagation
import Terrain

/// How far along each road the coverage reaches: the roads walked cell by cell over the run's grid (a segment split
/// wherever it crosses a cell's edge), their length in the run's area (cells with terrain) and the length covered per
/// technology, the longest stretch no technology covers, and the stretches themselves, each of one state.
public struct RoadCoverage: Sendable {
    /// The line features of one road: those sharing its name, or a feature without one.
    public struct Road: Sendable {
        public let name: String
        public let features: Int
        public let lengthM: Double
        /// The length on the run's grid over terrain, where coverage is known.
        public let inAreaM: Double
        /// Per key of `CoverageMasks.keys`, the length covered.
        public let coveredM: [String: Double]
        /// The longest stretch in the area that no technology covers (its parts joined where they meet end to end).
        public let longestGapM: Double
    }

    /// A piece of a road over which coverage does not change.
    public struct Stretch: Sendable {
        /// Its road's index in `roads`.
        public let road: Int
        /// On the grid's CRS.
        public let points: [MapPoint]
        public let lengthM: Double
        /// The keys of `CoverageMasks.keys` covering it ("any" when one does); nil outside the run's area.
        public let coveredBy: Set<String>?
    }

    public let roads: [Road]
    public let stretches: [Stretch]

    /// Walks `features` (a name or none, and parts on the grid's CRS) over `grid`, whose cells `coverage` marks.
    public init(features: [(name: String?, parts: [[MapPoint]])], grid: TerrainGrid, coverage: CoverageMasks) {
        let walk = GridWalk(grid: grid, coverage: coverage)
        var order: [String] = [], partsByName: [String: [[MapPoint]]] = [:], counts: [String: Int] = [:]
        for (index, feature) in features.enumerated() {
            let name = feature.name.flatMap { $0.isEmpty ? nil : $0 } ?? "feature \(index + 1)"
            if partsByName[name] == nil { order.append(name) }
            partsByName[name, default: []] += feature.parts
            counts[name, default: 0] += 1
        }
        var roads: [Road] = [], stretches: [Stretch] = []
        for (index, name) in order.enumerated() {
            let own = joinedEndToEnd(partsByName[name]!).flatMap { walk.stretches(along: $0, road: index) }
            stretches += own
            var covered = Dictionary(uniqueKeysWithValues: CoverageMasks.keys.map { ($0, 0.0) })
            for stretch in own { for key in stretch.coveredBy ?? [] { covered[key]! += stretch.lengthM } }
            roads.append(Road(
                name: name, features: counts[name]!, lengthM: own.reduce(0) { $0 + $1.lengthM },
                inAreaM: own.filter { $0.coveredBy != nil }.reduce(0) { $0 + $1.lengthM }, coveredM: covered,
                longestGapM: own.filter { $0.coveredBy?.isEmpty == true }.map(\.lengthM).max() ?? 0
            ))
        }
        self.roads = roads
        self.stretches = stretches
    }
}

extension RoadCoverage {
    /// The metres of `lines` (on the grid's CRS) on each of `grid`'s cells over terrain, by cell index.
    public static func metresPerCell(of lines: [[MapPoint]], on grid: TerrainGrid) -> [Int: Double] {
        LineCells(grid: grid).metresPerCell(lines)
    }
}

/// `parts` with those that meet end to end (either way round, as ways of one road often run) joined into one line, in
/// the order of their first part.
func joinedEndToEnd(_ parts: [[MapPoint]]) -> [[MapPoint]] {
    var partsAt: [MapPoint: [Int]] = [:]
    for (index, part) in parts.enumerated() {
        partsAt[part.first!, default: []].append(index)
        partsAt[part.last!, default: []].append(index)
    }
    var used = [Bool](repeating: false, count: parts.count), joined: [[MapPoint]] = []
    /// A part not yet used that ends at `point`, taken.
    func take(at point: MapPoint) -> [MapPoint]? {
        guard let index = partsAt[point]?.first(where: { !used[$0] }) else { return nil }
        used[index] = true
        return parts[index]
    }
    for index in parts.indices where !used[index] {
        used[index] = true
        var line = parts[index]
        while let next = take(at: line.last!) { line += (next.first == line.last ? next : next.reversed()).dropFirst() }
        while let previous = take(at: line.first!) { line = (previous.last == line.first ? previous : previous.reversed()) + line.dropFirst() }
        joined.append(line)
    }
    return joined
}

/// The stretches of a road over which coverage does not change.
private struct GridWalk {
    let cells: LineCells
    private let technologyMasks: [[Bool]]

    init(grid: TerrainGrid, coverage: CoverageMasks) {
        cells = LineCells(grid: grid)
        technologyMasks = Technology.allCases.map { coverage.masks[$0.rawValue]! }
    }

    /// A cell's state: nil off the grid or over a void, else a bit per technology (in `Technology.allCases`' order)
    /// covering it.
    private func state(_ cell: Int?) -> Int? {
        cell.map { cell in technologyMasks.indices.reduce(0) { $0 | (technologyMasks[$1][cell] ? 1 << $1 : 0) } }
    }

    private func keys(_ state: Int?) -> Set<String>? {
        state.map { state in
            var keys = Set(Technology.allCases.indices.filter { state & (1 << $0) != 0 }.map { Technology.allCases[$0].rawValue })
            if state != 0 { keys.insert("any") }
            return keys
        }
    }

    /// `line`'s stretches of one state each, in order.
    func stretches(along line: [MapPoint], road: Int) -> [RoadCoverage.Stretch] {
        var stretches: [RoadCoverage.Stretch] = []
        var current: (state: Int?, points: [MapPoint], length: Double)?
        cells.walk(line) { cell, start, length in
            let state = self.state(cell)
            if let open = current, open.state != state {
                stretches.append(.init(road: road, points: open.points + [start], lengthM: open.length, coveredBy: keys(open.state)))
                current = nil
            }
            if current == nil { current = (state, [start], 0) }
            current!.length += length
        } vertex: { point in
            current?.points.append(point)
        }
        if let open = current { stretches.append(.init(road: road, points: open.points, lengthM: open.length, coveredBy: keys(open.state))) }
        return stretches
    }
}
