/// Whether a target can be seen from an observer over the terrain.
public enum Visibility: Sendable, Equatable {
    case visible
    case blocked
    /// No terrain blocks the ray, but it crosses a void, so visibility cannot be decided.
    case unknown
}

/// An antenna or receiver position on a terrain grid: fractional cell-centre coordinates
/// (0, 0 is the centre of the top-left cell) and absolute height in metres.
public struct GridObserver: Sendable, Equatable {
    public var column: Double
    public var row: Double
    public var height: Double

    public init(column: Double, row: Double, height: Double) {
        self.column = column
        self.row = row
        self.height = height
    }
}

/// Exact line of sight on a grid (Franklin's R3): the ray from observer to target is tested at every
/// crossing of a row or column of cell centres, where the terrain is linearly interpolated between the
/// two centres on that line. Earth curvature lowers each sample by d²/(2kR), as `gdal_viewshed -cc 1/k` does.
/// A sample blocks when its elevation angle from the observer exceeds the target's (grazing rays see).
public struct LineOfSight: Sendable {
    public let earth: EarthModel

    public init(earth: EarthModel) {
        self.earth = earth
    }

    /// Visibility of the target cell (`column`, `row`) whose point of interest is `targetHeight` metres
    /// (absolute) from `observer`, over `elevations` (row-major, `width` × `height`, `spacing` metres).
    @inlinable
    public func visibility(
        elevations: UnsafeBufferPointer<Float>, width: Int, height: Int, spacing: Double,
        observer: GridObserver, column: Int, row: Int, targetHeight: Double
    ) -> Visibility {
        let dx = Double(column) - observer.column, dy = Double(row) - observer.row
        let distance = spacing * (dx * dx + dy * dy).squareRoot()
        guard distance > 0 else { return .visible }
        let curvature = earth.curvature
        let targetSlope = (targetHeight - curvature * distance * distance - observer.height) / distance
        // Column lines interpolate between rows (stride `width`); row lines between columns (stride 1).
        let columns = scan(
            elevations, from: observer.column, by: dx, across: observer.row, by: dy,
            lineStride: 1, crossStride: width, distance: distance, curvature: curvature,
            observerHeight: observer.height, targetSlope: targetSlope
        )
        if columns == .blocked { return .blocked }
        let rows = scan(
            elevations, from: observer.row, by: dy, across: observer.column, by: dx,
            lineStride: width, crossStride: 1, distance: distance, curvature: curvature,
            observerHeight: observer.height, targetSlope: targetSlope
        )
        if rows == .blocked { return .blocked }
        return columns == .unknown || rows == .unknown ? .unknown : .visible
    }

    /// Tests the ray at each crossing of the lines of cell centres perpendicular to one axis. `start`/`delta`
    /// run along that axis (line index × `lineStride`), `crossStart`/`crossDelta` along the other.
    @inlinable
    func scan(
        _ elevations: UnsafeBufferPointer<Float>, from start: Double, by delta: Double,
        across crossStart: Double, by crossDelta: Double, lineStride: Int, crossStride: Int,
        distance: Double, curvature: Double, observerHeight: Double, targetSlope: Double
    ) -> Visibility {
        guard delta != 0 else { return .visible }
        let step = delta > 0 ? 1 : -1
        var line = delta > 0 ? Int(start.rounded(.down)) + 1 : Int(start.rounded(.up)) - 1
        var crossedVoid = false
        while (Double(line) - start) / delta < 1 {
            let fraction = (Double(line) - start) / delta
            let along = crossStart + fraction * crossDelta
            let lower = Int(along.rounded(.down)), weight = Float(along - Double(lower))
            let index = line &* lineStride &+ lower &* crossStride
            let first = elevations[index]
            let ground = weight == 0 ? first : first + (elevations[index &+ crossStride] - first) * weight
            if ground.isNaN {
                crossedVoid = true
            } else {
                let sampleDistance = fraction * distance
                let slope = (Double(ground) - curvature * sampleDistance * sampleDistance - observerHeight) / sampleDistance
                if slope > targetSlope { return .blocked }
            }
            line &+= step
        }
        return crossedVoid ? .unknown : .visible
    }
}
