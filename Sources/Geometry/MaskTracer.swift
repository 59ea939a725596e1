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
        let components = MaskComponents(CellRuns(mask: mask, width: width, height: height, column: 0, row: 0))
        var outgoing = boundaryEdges(mask, width: width, height: height)
        let saddles = outgoing.map { $0.nonzeroBitCount == 2 }
        var shells: [Int: [Ring]] = [:], holes: [Int: [Ring]] = [:]
        let stride = width + 1
        for start in outgoing.indices where outgoing[start] != 0 {
            while outgoing[start] != 0 {
                let walk = trace(from: start, outgoing: &outgoing, saddles: saddles, stride: stride)
                let leftOfStart = leftCell(of: walk.firstEdge, at: start, stride: stride, width: width)
                let component = components.component(column: leftOfStart % width, row: leftOfStart / width)
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

    /// Per lattice vertex, the bits of the boundary edges leaving it, oriented with the covered cell on the left.
    private func boundaryEdges(_ mask: [Bool], width: Int, height: Int) -> [UInt8] {
        let stride = width + 1
        var outgoing = [UInt8](repeating: 0, count: stride * (height + 1))
        func covered(_ column: Int, _ row: Int) -> Bool {
            column >= 0 && row >= 0 && column < width && row < height && mask[row * width + column]
        }
        for row in 0..<height {
            for column in 0..<width where mask[row * width + column] {
                let topLeft = row * stride + column
                if !covered(column, row - 1) { outgoing[topLeft + 1] |= Direction.west.bit }
                if !covered(column, row + 1) { outgoing[topLeft + stride] |= Direction.east.bit }
                if !covered(column - 1, row) { outgoing[topLeft] |= Direction.south.bit }
                if !covered(column + 1, row) { outgoing[topLeft + stride + 1] |= Direction.north.bit }
            }
        }
        return outgoing
    }

    /// Follows boundary edges from `start` until the walk closes, consuming them. At a saddle the walk turns
    /// left, which keeps the same covered cell on its left.
    private func trace(
        from start: Int, outgoing: inout [UInt8], saddles: [Bool], stride: Int
    ) -> (vertices: [Int], firstEdge: Direction) {
        let firstEdge = Direction.allCases.first { outgoing[start] & $0.bit != 0 }!
        var vertices = [start], vertex = start, direction = firstEdge
        while true {
            outgoing[vertex] &= ~direction.bit
            vertex += direction.step.dy * stride + direction.step.dx
            vertices.append(vertex)
            let next: Direction
            if saddles[vertex] {
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
