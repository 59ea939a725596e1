/// A metric elevation grid (UTM) on which propagation runs: square cells, row 0 at the north, NaN = no elevation.
public struct TerrainGrid: Sendable {
    /// EPSG code of the grid's projected CRS.
    public let epsg: Int
    public let width: Int
    public let height: Int
    /// Cell size in metres.
    public let spacing: Double
    /// Top-left corner of cell (0, 0).
    public let cornerX: Double
    public let cornerY: Double
    /// Elevations in metres, row-major.
    public var elevations: [Float]
    /// True when the elevations come from the synthetic generator rather than a real survey.
    public var isSynthetic: Bool
    /// The DEM's own ground heights at the points the grid was cut around (bilinear between the DEM's pixels, its voids
    /// filled as the grid's are), by point: a site's antenna stands on the ground of the DEM where it stands, not on the
    /// grid's resampled surface, which shifts with the grid's anchor and flattens summits at coarse resolutions. Empty
    /// for grids made otherwise.
    public var groundAtPoints: [GeoPoint: Float] = [:]

    public init(
        epsg: Int, width: Int, height: Int, spacing: Double, cornerX: Double, cornerY: Double,
        elevations: [Float], isSynthetic: Bool = false
    ) {
        precondition(elevations.count == width * height, "grid needs width × height elevations")
        self.epsg = epsg
        self.width = width
        self.height = height
        self.spacing = spacing
        self.cornerX = cornerX
        self.cornerY = cornerY
        self.elevations = elevations
        self.isSynthetic = isSynthetic
    }

    /// The grid's CRS as a PROJ definition.
    public var crs: String { "EPSG:\(epsg)" }

    /// The GDAL geotransform of this grid.
    public var geoTransform: [Double] { [cornerX, spacing, 0, cornerY, 0, -spacing] }

    public subscript(column: Int, row: Int) -> Float {
        elevations[row &* width &+ column]
    }

    /// Map coordinates of the centre of a cell.
    public func center(column: Int, row: Int) -> MapPoint {
        MapPoint(x: cornerX + (Double(column) + 0.5) * spacing, y: cornerY - (Double(row) + 0.5) * spacing)
    }

    /// Fractional cell-centre coordinates of a map point: (0, 0) is the centre of the top-left cell.
    public func gridPosition(of point: MapPoint) -> (column: Double, row: Double) {
        ((point.x - cornerX) / spacing - 0.5, (cornerY - point.y) / spacing - 0.5)
    }

    /// Row-major index of the cell containing `point`; nil outside the grid.
    public func cellIndex(containing point: MapPoint) -> Int? {
        let column = Int(((point.x - cornerX) / spacing).rounded(.down))
        let row = Int(((cornerY - point.y) / spacing).rounded(.down))
        guard column >= 0, column < width, row >= 0, row < height else { return nil }
        return row * width + column
    }

    /// Bilinear ground elevation at a map point; nil outside the grid or next to a void.
    public func elevation(at point: MapPoint) -> Float? {
        elevations.withUnsafeBufferPointer { elevation(at: point, of: $0) }
    }

    /// The ground under a site at `location` (map `position`): the DEM's own (`groundAtPoints`) where the grid keeps it,
    /// else `siteGround(at:)`; nil where that is nil (beyond the grid, or on voids).
    public func siteGround(at location: GeoPoint, position: MapPoint) -> Float? {
        guard let ground = siteGround(at: position) else { return nil }
        return groundAtPoints[location] ?? ground
    }

    /// The ground under a site at a map point: `elevation(at:)` where it has one; beside voids — on a DEM's edge or
    /// corner, or by a void too large to fill — the same bilinear weights over the neighbouring cells with terrain.
    /// Nil where every neighbour of positive weight is void, or more than half a cell beyond the grid.
    public func siteGround(at point: MapPoint) -> Float? {
        if let value = elevation(at: point) { return value }
        let position = gridPosition(of: point)
        guard position.column >= -0.5, position.row >= -0.5, position.column <= Double(width) - 0.5,
            position.row <= Double(height) - 0.5
        else { return nil }
        let column = min(max(position.column, 0), Double(width - 1)), row = min(max(position.row, 0), Double(height - 1))
        let (x0, fx) = centreAndFraction(column), (y0, fy) = centreAndFraction(row)
        let x1 = min(x0 + 1, width - 1), y1 = min(y0 + 1, height - 1)
        var sum = 0.0, weights = 0.0
        for (x, y, weight) in [(x0, y0, (1 - fx) * (1 - fy)), (x1, y0, fx * (1 - fy)), (x0, y1, (1 - fx) * fy), (x1, y1, fx * fy)]
        where weight > 0 && !self[x, y].isNaN {
            sum += Double(weight) * Double(self[x, y])
            weights += Double(weight)
        }
        return weights > 0 ? Float(sum / weights) : nil
    }

    /// `elevation(at:)` from this grid's `elevations`, held as a buffer by a caller that reads many.
    @inline(__always)
    private func elevation(at point: MapPoint, of elevations: UnsafeBufferPointer<Float>) -> Float? {
        let position = gridPosition(of: point)
        return bilinear(elevations, width: width, height: height, column: position.column, row: position.row)
    }

    /// The ground profile from `start` to `end`, sampled every `step` metres (default: the cell size)
    /// with both ends included. Throws when a sample has no elevation.
    public func profile(from start: MapPoint, to end: MapPoint, step: Double? = nil) throws(InputError) -> TerrainProfile {
        let length = ((end.x - start.x) * (end.x - start.x) + (end.y - start.y) * (end.y - start.y)).squareRoot()
        let intervals = max(1, Int((length / (step ?? spacing)).rounded(.up)))
        var profile = [Double](repeating: 0, count: intervals + 1)
        // The first sample without an elevation, if any.
        let missing: Int? = elevations.withUnsafeBufferPointer { grid in
            profile.withUnsafeMutableBufferPointer { profile in
                for index in 0...intervals {
                    let fraction = Double(index) / Double(intervals)
                    let point = MapPoint(x: start.x + (end.x - start.x) * fraction, y: start.y + (end.y - start.y) * fraction)
                    guard let elevation = elevation(at: point, of: grid) else { return index }
                    profile[index] = Double(elevation)
                }
                return nil
            }
        }
        if let missing {
            let distance = Int(Double(missing) / Double(intervals) * length)
            throw InputError(path: crs, reason: "profile point at \(distance) m has no elevation (void or outside the grid)")
        }
        return TerrainProfile(step: length / Double(intervals), elevations: profile)
    }
}

/// Ground elevations at equal steps along a path (the PFL form used by path-loss models).
public struct TerrainProfile: Sendable, Equatable {
    /// Distance between consecutive samples in metres.
    public let step: Double
    /// Elevations in metres from the start (index 0) to the end.
    public let elevations: [Double]

    public init(step: Double, elevations: [Double]) {
        self.step = step
        self.elevations = elevations
    }

    /// Path length in metres.
    public var length: Double { step * Double(elevations.count - 1) }

    /// The same profile with its ends on other ground (nil keeps an end's sample): where the antennas stand on the DEM's
    /// own ground (`TerrainGrid.groundAtPoints`) rather than on the grid's resampled surface.
    public func standing(start: Double?, end: Double? = nil) -> TerrainProfile {
        var elevations = elevations
        if let start { elevations[0] = start }
        if let end { elevations[elevations.count - 1] = end }
        return TerrainProfile(step: step, elevations: elevations)
    }
}
