import Terrain

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
/// Given `ElevationTiles`, runs of samples that a tile shows to lie below the ray are passed over unread, and
/// given `SectorHorizons`, the part of a ray that its sector's bound shows clear: the answer is the same, found
/// in a fraction of the reads.
public struct LineOfSight: Sendable {
    public let earth: EarthModel

    public init(earth: EarthModel) {
        self.earth = earth
    }

    /// Visibility of the target cell (`column`, `row`) whose point of interest is `targetHeight` metres
    /// (absolute) from `observer`, over `elevations` (row-major, `width` × `height`, `spacing` metres).
    /// `tiles`, when given, must cover the observer's and the target's cells and every cell between them.
    public func visibility(
        elevations: UnsafeBufferPointer<Float>, width: Int, height: Int, spacing: Double,
        observer: GridObserver, column: Int, row: Int, targetHeight: Double, tiles: ElevationTiles? = nil,
        horizons: SectorHorizons? = nil
    ) -> Visibility {
        var hint = Double.nan
        return visibility(
            elevations: elevations, width: width, height: height, spacing: spacing, observer: observer,
            column: column, row: row, targetHeight: targetHeight, tiles: tiles, horizons: horizons, blockerHint: &hint
        )
    }

    /// Visibility as above, testing first the crossings near `blockerHint`: how far along its ray (0 at the
    /// observer, 1 at the target) a neighbouring target was found blocked, or NaN. Neighbouring cells are
    /// mostly hidden by the same ridge. When this target is blocked the hint moves to its blocking crossing.
    /// Given `horizons` (built for this observer), a ray whose sector bound clears the target has only its first
    /// and last crossings tested.
    public func visibility(
        elevations: UnsafeBufferPointer<Float>, width: Int, height: Int, spacing: Double,
        observer: GridObserver, column: Int, row: Int, targetHeight: Double, tiles: ElevationTiles?,
        horizons: SectorHorizons? = nil, blockerHint: inout Double
    ) -> Visibility {
        let dx = Double(column) - observer.column, dy = Double(row) - observer.row
        let distance = spacing * (dx * dx + dy * dy).squareRoot()
        guard distance > 0 else { return .visible }
        let curvature = earth.curvature
        let targetSlope = (targetHeight - curvature * distance * distance - observer.height) / distance
        // Column lines interpolate between rows (stride `width`); row lines between columns (stride 1).
        let columns = AxisScan(
            start: observer.column, delta: dx, end: column, crossStart: observer.row, crossDelta: dy, linesAreColumns: true,
            lineStride: 1, crossStride: width, distance: distance, curvature: curvature,
            observerHeight: observer.height, targetSlope: targetSlope
        )
        let rows = AxisScan(
            start: observer.row, delta: dy, end: row, crossStart: observer.column, crossDelta: dx, linesAreColumns: false,
            lineStride: width, crossStride: 1, distance: distance, curvature: curvature,
            observerHeight: observer.height, targetSlope: targetSlope
        )
        let clear = horizons?.clearPart(column: column, row: row, distance: distance, targetSlope: targetSlope)
        if clear == nil, blockerHint.isFinite,
           let blocker = columns.blocker(near: blockerHint, elevations) ?? rows.blocker(near: blockerHint, elevations) {
            blockerHint = blocker
            return .blocked
        }
        let alongColumns = columns.run(elevations, tiles: tiles, skipping: clear)
        if case .blocked(let at) = alongColumns {
            blockerHint = at
            return .blocked
        }
        let alongRows = rows.run(elevations, tiles: tiles, skipping: clear)
        if case .blocked(let at) = alongRows {
            blockerHint = at
            return .blocked
        }
        return alongColumns == .crossedVoid || alongRows == .crossedVoid ? .unknown : .visible
    }
}

/// The ray's crossings of the lines of cell centres perpendicular to one axis. `start`/`delta` run along
/// that axis (line index × `lineStride`), `crossStart`/`crossDelta` along the other; a line's fraction is
/// how far along the ray, observer 0 to target 1, it is crossed. The crossings tested are those on lines
/// before `end`, the target's own line.
struct AxisScan {
    let start: Double
    let delta: Double
    let end: Int
    let crossStart: Double
    let crossDelta: Double
    let linesAreColumns: Bool
    let lineStride: Int
    let crossStride: Int
    let distance: Double
    let curvature: Double
    let observerHeight: Double
    let targetSlope: Double
    /// Where the ray comes lowest over the datum: the parabola's vertex, or an end on a flat earth.
    let lowestDistance: Double
    /// 1 / `delta`.
    let inverseDelta: Double

    init(
        start: Double, delta: Double, end: Int, crossStart: Double, crossDelta: Double, linesAreColumns: Bool, lineStride: Int,
        crossStride: Int, distance: Double, curvature: Double, observerHeight: Double, targetSlope: Double
    ) {
        (self.start, self.delta, self.end, self.crossStart, self.crossDelta) = (start, delta, end, crossStart, crossDelta)
        (self.linesAreColumns, self.lineStride, self.crossStride) = (linesAreColumns, lineStride, crossStride)
        (self.distance, self.curvature, self.observerHeight, self.targetSlope) = (distance, curvature, observerHeight, targetSlope)
        inverseDelta = 1 / delta
        lowestDistance = curvature > 0 ? -targetSlope / (2 * curvature) : (targetSlope < 0 ? .infinity : -.infinity)
    }

    func fraction(_ line: Int) -> Double { (Double(line) - start) * inverseDelta }

    /// Whether `line` comes before the target's own line, going the scan's way.
    func isBeforeTarget(_ line: Int) -> Bool { delta > 0 ? line < end : line > end }

    func along(_ fraction: Double) -> Double { crossStart + fraction * crossDelta }

    /// The lowest the ray comes over the terrain's datum between distances `near` and `far`: a sample no
    /// higher than this cannot block. Against the datum the ray is h₀ + slope·d + c·d², a parabola.
    func lowestRay(from near: Double, to far: Double) -> Double {
        let lowest = min(max(lowestDistance, near), far)
        return observerHeight + targetSlope * lowest + curvature * lowest * lowest
    }

    /// What a scan of one axis's crossings found.
    enum Outcome: Equatable {
        case clear
        case crossedVoid
        /// Blocked at this fraction of the way to the target.
        case blocked(at: Double)
    }

    /// Tests the crossings short of the target, nearest first: given a part of the ray known clear (`skipping`,
    /// fractions of the way), those before and after it sample by sample; else tile by tile, from the coarsest,
    /// when `tiles` are given (a tile below the ray is passed over, any other is split into the next finer tiles,
    /// down to samples), else sample by sample.
    func run(_ elevations: UnsafeBufferPointer<Float>, tiles: ElevationTiles?, skipping clear: Range<Double>? = nil) -> Outcome {
        guard delta != 0 else { return .clear }
        let first = delta > 0 ? floorInteger(start) + 1 : ceilingInteger(start) - 1
        var crossedVoid = false
        let blocker = if let clear {
            scanOutside(clear, from: first, elevations, &crossedVoid)
        } else if let tiles {
            scanTiles(from: first, through: nil, level: tiles.levels.count - 1, tiles, elevations, &crossedVoid)
        } else {
            scanSamples(from: first, through: nil, elevations, &crossedVoid)
        }
        if let blocker { return .blocked(at: blocker) }
        return crossedVoid ? .crossedVoid : .clear
    }

    /// The crossings from line `first` on before and after the part `clear` of the ray (fractions of the way),
    /// sample by sample, the lines just inside it too (rounding cannot drop a crossing); the fraction of the first
    /// that blocks, if any.
    private func scanOutside(
        _ clear: Range<Double>, from first: Int, _ elevations: UnsafeBufferPointer<Float>, _ crossedVoid: inout Bool
    ) -> Double? {
        let (low, high) = (start + clear.lowerBound * delta, start + clear.upperBound * delta)
        let direction = delta > 0 ? 1 : -1
        let lastBefore = delta > 0 ? ceilingInteger(low) : floorInteger(low)
        let firstAfter = delta > 0 ? max(first, floorInteger(high)) : min(first, ceilingInteger(high))
        guard (firstAfter - lastBefore) * direction > 1 else {
            return scanSamples(from: first, through: nil, elevations, &crossedVoid)
        }
        if (lastBefore - first) * direction >= 0,
           let blocker = scanSamples(from: first, through: lastBefore, elevations, &crossedVoid) {
            return blocker
        }
        return scanSamples(from: firstAfter, through: nil, elevations, &crossedVoid)
    }

    /// The fraction of a blocking crossing within four lines of fraction `near`, if there is one: the nearest
    /// lines first.
    func blocker(near fraction: Double, _ elevations: UnsafeBufferPointer<Float>) -> Double? {
        guard delta != 0 else { return nil }
        let nearest = Int(nearestInteger(start + fraction * delta).integer)
        for step in 0..<9 {  // offsets 0, −1, 1, −2, 2, …
            let line = nearest &+ (step &+ 1) / 2 &* (step & 1 == 1 ? -1 : 1), at = self.fraction(line)
            if at > 0, isBeforeTarget(line), blocks(at: line, elevations) == true { return at }
        }
        return nil
    }

    /// Whether the crossing on `line` rises above the ray; nil on a void.
    private func blocks(at line: Int, _ elevations: UnsafeBufferPointer<Float>) -> Bool? {
        let fraction = fraction(line)
        let crossing = along(fraction)
        let lower = floorInteger(crossing), weight = Float(crossing - Double(lower))
        let index = line &* lineStride &+ lower &* crossStride
        let near = elevations[index]
        let ground = weight == 0 ? near : near + (elevations[index &+ crossStride] - near) * weight
        guard !ground.isNaN else { return nil }
        let sampleDistance = fraction * distance
        return Double(ground) - curvature * sampleDistance * sampleDistance - observerHeight > targetSlope * sampleDistance
    }

    /// The tiles at `level` that lines `first` through `last` (nil: up to the target) cross, in turn; the
    /// fraction of the first blocking crossing, if any.
    private func scanTiles(
        from first: Int, through last: Int?, level: Int, _ tiles: ElevationTiles,
        _ elevations: UnsafeBufferPointer<Float>, _ crossedVoid: inout Bool
    ) -> Double? {
        var line = first
        while isBeforeTarget(line) {
            let end = tiles.lastLine(from: line, level: level, scan: self)
            if !tiles.isBelowRay(lines: line, end, level: level, scan: self) {
                let blocker = level == 0
                    ? scanSamples(from: line, through: end, elevations, &crossedVoid)
                    : scanTiles(from: line, through: end, level: level - 1, tiles, elevations, &crossedVoid)
                if let blocker { return blocker }
            }
            if end == last { break }
            line = end &+ (delta > 0 ? 1 : -1)
        }
        return nil
    }

    /// Crossings on lines `first` through `last` (nil: up to the target); the fraction of the first that
    /// blocks, if any.
    private func scanSamples(
        from first: Int, through last: Int?, _ elevations: UnsafeBufferPointer<Float>, _ crossedVoid: inout Bool
    ) -> Double? {
        let step = delta > 0 ? 1 : -1
        var line = first
        while isBeforeTarget(line) {
            switch blocks(at: line, elevations) {
            case true: return fraction(line)
            case nil: crossedVoid = true
            case false: break
            }
            if line == last { break }
            line &+= step
        }
        return nil
    }
}
