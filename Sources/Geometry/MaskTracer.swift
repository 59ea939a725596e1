import Terrain

/// Turns a raster mask into polygons by tracing the boundaries between covered and uncovered cells.
/// Covered cells that touch only at a corner belong to separate polygons (4-connectivity), so every ring
/// is simple and the result is valid OGC geometry; holes are kept. Collinear vertices are dropped.
public struct MaskTracer: Sendable {
    /// Top-left corner of the mask's cell (0, 0) and the cell size, in map units.
    public let cornerX: Double
    public let cornerY: Double
    public let spacing: Double

    public init(cornerX: Double, cornerY: Double, spacing: Double) {
        self.cornerX = cornerX
        self.cornerY = cornerY
        self.spacing = spacing
    }

    /// The tracer of a window of `grid` whose first cell is the grid's (`column`, `row`).
    public init(grid: TerrainGrid, column: Int, row: Int) {
        let origin = grid.georeference(column: column, row: row).geoTransform
        self.init(cornerX: origin[0], cornerY: origin[3], spacing: grid.spacing)
    }

    /// Directions of boundary edges, counter-clockwise; a left turn is the next one.
    private enum Direction: Int, CaseIterable {
        case east = 0, north, west, south

        var bit: UInt8 { 1 << UInt8(rawValue) }
        var leftTurn: Direction { Direction(rawValue: (rawValue + 1) % 4)! }
        /// Lattice step (x right, y down).
        var step: (dx: Int, dy: Int) {
            switch self {
            case .east: (1, 0)
            case .north: (0, -1)
            case .west: (-1, 0)
            case .south: (0, 1)
            }
        }
    }

    /// The polygons of the cells where `mask` (row-major, `width` × `height`) is true.
    public func polygons(of mask: [Bool], width: Int, height: Int) -> MultiPolygon {
        precondition(mask.count == width * height, "mask needs width × height cells")
        return polygons(of: CellRuns(mask: mask, width: width, height: height, column: 0, row: 0), column: 0, width: width, height: height)
    }

    /// The polygons of the covered cells `runs` of a `width` × `height` window whose first cell is (`column`,
    /// `runs.firstRow`) in the runs' numbering.
    public func polygons(of runs: CellRuns, column: Int, width: Int, height: Int) -> MultiPolygon {
        precondition(runs.runs.count == height, "runs need one row of runs per window row")
        let components = MaskComponents(runs)
        var outgoing = boundaryEdges(runs, column: column, width: width, height: height)
        var shells: [Int: [Ring]] = [:], holes: [Int: [Ring]] = [:]
        let stride = width + 1
        var next = 0
        while let start = Self.firstWithEdges(outgoing, from: next) {
            next = start + 1
            while outgoing[start] & Self.edgeBits != 0 {
                let walk = trace(from: start, outgoing: &outgoing, stride: stride)
                let leftOfStart = leftCell(of: walk.firstEdge, at: start, stride: stride, width: width)
                let component = components.component(column: column + leftOfStart % width, row: runs.firstRow + leftOfStart / width)
                for ring in simpleRings(walk.vertices, stride: stride) {
                    if ring.signedArea > 0 { shells[component, default: []].append(ring) } else { holes[component, default: []].append(ring) }
                }
            }
        }
        let polygons = shells.keys.sorted().flatMap { component -> [Polygon] in
            let ordered = shells[component]!.sorted { $0.signedArea > $1.signedArea }
            var result = [Polygon(exterior: ordered[0], holes: holes[component] ?? [])]
            result += ordered.dropFirst().map { Polygon(exterior: $0) }
            return result
        }
        return MultiPolygon(polygons: polygons)
    }

    /// The bits of `boundaryEdges`' bytes that hold edges; `saddleBit` marks a vertex two edges leave (two covered
    /// cells meeting at a corner only), where a walk turns left.
    private static let edgeBits: UInt8 = 0x0F, saddleBit: UInt8 = 0x10

    /// The first vertex from `start` on that edges leave, read eight vertices at a time: most vertices of a window
    /// have none.
    private static func firstWithEdges(_ outgoing: [UInt8], from start: Int) -> Int? {
        outgoing.withUnsafeBytes { bytes in
            let edges = UInt64(edgeBits) &* 0x0101_0101_0101_0101
            var vertex = start
            while vertex &+ 8 <= bytes.count {
                let found = bytes.loadUnaligned(fromByteOffset: vertex, as: UInt64.self) & edges
                if found != 0 { return vertex &+ found.littleEndian.trailingZeroBitCount / 8 }
                vertex &+= 8
            }
            return (vertex..<bytes.count).first { bytes[$0] & edgeBits != 0 }
        }
    }

    /// Per lattice vertex, the bits of the boundary edges leaving it, oriented with the covered cell on the left,
    /// found from the runs: a run's ends give its side edges, and its columns not covered in the row above (below)
    /// its top (bottom) edges, so the work goes with the runs and the edges, not the cells.
    private func boundaryEdges(_ runs: CellRuns, column: Int, width: Int, height: Int) -> [UInt8] {
        let stride = width + 1
        var outgoing = [UInt8](repeating: 0, count: stride * (height + 1))
        outgoing.withUnsafeMutableBufferPointer { outgoing in
            func add(_ direction: Direction, at vertex: Int) {
                if outgoing[vertex] != 0 { outgoing[vertex] |= Self.saddleBit }
                outgoing[vertex] |= direction.bit
            }
            /// Calls `body` with each column of `run` that no run of `neighbours` covers.
            func uncovered(_ run: Range<Int>, by neighbours: [Range<Int>], from first: inout Int, _ body: (Int) -> Void) {
                var next = run.lowerBound
                while first < neighbours.count && neighbours[first].upperBound <= next { first += 1 }
                var index = first
                while next < run.upperBound {
                    let cover = index < neighbours.count ? neighbours[index] : run.upperBound..<run.upperBound
                    for x in Swift.stride(from: next, to: min(cover.lowerBound, run.upperBound), by: 1) { body(x) }
                    guard cover.lowerBound < run.upperBound else { break }
                    next = cover.upperBound
                    index += 1
                }
            }
            for (y, rowRuns) in runs.runs.enumerated() {
                let above = y > 0 ? runs.runs[y - 1] : [], below = y + 1 < height ? runs.runs[y + 1] : []
                var firstAbove = 0, firstBelow = 0
                for run in rowRuns {
                    let cells = (run.lowerBound - column)..<(run.upperBound - column)
                    add(.south, at: y * stride + cells.lowerBound)
                    add(.north, at: (y + 1) * stride + cells.upperBound)
                    uncovered(run, by: above, from: &firstAbove) { x in add(.west, at: y * stride + x - column + 1) }
                    uncovered(run, by: below, from: &firstBelow) { x in add(.east, at: (y + 1) * stride + x - column) }
                }
            }
        }
        return outgoing
    }

    /// Follows boundary edges from `start` until the walk closes, consuming them. At a saddle the walk turns
    /// left, which keeps the same covered cell on its left.
    private func trace(from start: Int, outgoing: inout [UInt8], stride: Int) -> (vertices: [Int], firstEdge: Direction) {
        let firstEdge = Direction.allCases.first { outgoing[start] & $0.bit != 0 }!
        var vertices = [start], vertex = start, direction = firstEdge
        while true {
            outgoing[vertex] &= ~direction.bit
            vertex += direction.step.dy * stride + direction.step.dx
            vertices.append(vertex)
            let next: Direction
            if outgoing[vertex] & Self.saddleBit != 0 {
                next = direction.leftTurn
            } else if let only = Direction.allCases.first(where: { outgoing[vertex] & $0.bit != 0 }) {
                next = only
            } else {
                break
            }
            guard outgoing[vertex] & next.bit != 0 else { break }
            direction = next
        }
        return (vertices, firstEdge)
    }

    /// Index of the covered cell on the left of an edge leaving `vertex` in `direction`.
    private func leftCell(of direction: Direction, at vertex: Int, stride: Int, width: Int) -> Int {
        let x = vertex % stride, y = vertex / stride
        switch direction {
        case .east: return (y - 1) * width + x
        case .north: return (y - 1) * width + x - 1
        case .west: return y * width + x - 1
        case .south: return y * width + x
        }
    }

    /// Splits a closed walk at repeated vertices into simple rings, in map coordinates.
    private func simpleRings(_ walk: [Int], stride: Int) -> [Ring] {
        var rings: [Ring] = [], path: [Int] = [], position: [Int: Int] = [:]
        for vertex in walk {
            if let earlier = position[vertex] {
                let loop = Array(path[earlier...]) + [vertex]
                for dropped in path[(earlier + 1)...] { position[dropped] = nil }
                path.removeSubrange((earlier + 1)...)
                rings.append(ring(loop, stride: stride))
            } else {
                position[vertex] = path.count
                path.append(vertex)
            }
        }
        return rings
    }

    /// A closed ring through the corner vertices of a closed lattice loop.
    private func ring(_ loop: [Int], stride: Int) -> Ring {
        let open = Array(loop.dropLast())
        var corners: [Int] = []
        for (index, vertex) in open.enumerated() {
            let previous = open[(index + open.count - 1) % open.count], next = open[(index + 1) % open.count]
            if vertex - previous != next - vertex { corners.append(vertex) }
        }
        var points = corners.map { vertex in
            MapPoint(
                x: cornerX + Double(vertex % stride) * spacing,
                y: cornerY - Double(vertex / stride) * spacing
            )
        }
        points.append(points[0])
        return Ring(points: points)
    }
}
