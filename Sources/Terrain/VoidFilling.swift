/// How voids (nodata, NaN) in the elevation model are handled. Voids are never taken as sea level.
public struct VoidPolicy: Sendable, Equatable {
    /// Connected void regions of at most this many source cells are filled by inverse-distance
    /// interpolation from the valid cells around them; larger ones stay void. 0 fills nothing.
    public var maxFilledRegionCells: Int
    /// A run is refused when more than this fraction of the metric grid is void after filling.
    public var maxVoidFraction: Double

    public init(maxFilledRegionCells: Int = 10_000, maxVoidFraction: Double = 0.5) {
        self.maxFilledRegionCells = maxFilledRegionCells
        self.maxVoidFraction = maxVoidFraction
    }
}

/// What the void policy found and did; reported in every run summary.
public struct VoidReport: Sendable, Equatable, Codable {
    /// Void cells in the part of the source DEM that was read.
    public var sourceVoidCells: Int
    /// Of those, cells filled by interpolation.
    public var filledCells: Int
    /// Metric grid cells without an elevation (unfilled voids or outside the DEM).
    public var gridVoidCells: Int
    /// Cells in the metric grid.
    public var gridCells: Int

    public var gridVoidFraction: Double { gridCells == 0 ? 0 : Double(gridVoidCells) / Double(gridCells) }

    enum CodingKeys: String, CodingKey {
        case sourceVoidCells = "source_void_cells"
        case filledCells = "filled_cells"
        case gridVoidCells = "grid_void_cells"
        case gridCells = "grid_cells"
    }
}

extension ElevationRaster {
    /// Fills void regions no larger than `maxRegionCells` (4-connected) by inverse-distance weighting of the
    /// valid cells bordering each region. Returns the number of void cells found and filled.
    public mutating func fillVoids(maxRegionCells: Int) -> (voids: Int, filled: Int) {
        var visited = [Bool](repeating: false, count: values.count)
        var voids = 0, filled = 0
        for start in values.indices where values[start].isNaN && !visited[start] {
            let region = voidRegion(from: start, visited: &visited)
            voids += region.count
            guard region.count <= maxRegionCells else { continue }
            let border = validBorder(of: region)
            guard !border.isEmpty else { continue }
            for cell in region {
                values[cell] = inverseDistanceEstimate(at: cell, from: border)
            }
            filled += region.count
        }
        return (voids, filled)
    }

    private func neighbours(of cell: Int) -> [Int] {
        let column = cell % width, row = cell / width
        var result: [Int] = []
        if column > 0 { result.append(cell - 1) }
        if column < width - 1 { result.append(cell + 1) }
        if row > 0 { result.append(cell - width) }
        if row < height - 1 { result.append(cell + width) }
        return result
    }

    private func voidRegion(from start: Int, visited: inout [Bool]) -> [Int] {
        var region: [Int] = [], stack = [start]
        visited[start] = true
        while let cell = stack.popLast() {
            region.append(cell)
            for next in neighbours(of: cell) where values[next].isNaN && !visited[next] {
                visited[next] = true
                stack.append(next)
            }
        }
        return region
    }

    private func validBorder(of region: [Int]) -> [Int] {
        var border = Set<Int>()
        for cell in region {
            for next in neighbours(of: cell) where !values[next].isNaN { border.insert(next) }
        }
        return border.sorted()
    }

    private func inverseDistanceEstimate(at cell: Int, from border: [Int]) -> Float {
        let column = Double(cell % width), row = Double(cell / width)
        var weighted = 0.0, total = 0.0
        for known in border {
            let dx = Double(known % width) - column, dy = Double(known / width) - row
            let weight = 1 / (dx * dx + dy * dy)
            weighted += weight * Double(values[known])
            total += weight
        }
        return Float(weighted / total)
    }
}
