import Foundation
import Terrain

/// Upper bounds, by direction and distance, on how steeply anything a line-of-sight ray from one observer crosses
/// rises: for a ray in a given sector of directions, no crossing between `startCells` cells from the observer and a
/// given distance shows a steeper angle than the bound. A target whose own angle clears the bound only needs its
/// first and last crossings tested.
///
/// A crossing reads two cell centres within one cell of it. Every cell therefore counts in each sector that a ray
/// passing within one cell of it can take, at the steepest angle anything within one cell of it (and no nearer
/// than `startCells`) could show: rise per metre, earth curvature included, a centimetre added for the rounding of
/// interpolation. A void counts as infinitely high, so a ray whose bound holds crosses no void where bounded.
public struct SectorHorizons: Sendable {
    let observer: GridObserver
    let spacing: Double
    let sectors: Int
    let rings: Int
    /// bounds[ring × sectors + sector]: the steepest angle any cell can show to a bounded crossing in that sector
    /// whose nearest lies `ring` to `ring` + 1 cells from the observer — after `init`, the running maximum over
    /// rings, so that it bounds every crossing nearer than `ring` + 1 cells.
    let bounds: [Float]

    /// Bounds stop this many cells short of a target, and start this many cells from the observer (terrain there
    /// may stand above the antenna, making every bound infinite): the crossings outside are tested one by one.
    static let nearCells = 10.0
    static let startCells = 2.0

    /// Bounds for `observer` over `width` × `height` cells from (`column`, `row`) of `elevations` (row-major,
    /// `gridWidth` wide, cells `spacing` metres), for targets up to `radius` metres away on an earth of
    /// curvature coefficient `curvature` (per metre).
    public init(
        elevations: UnsafeBufferPointer<Float>, gridWidth: Int, column: Int, row: Int, width: Int, height: Int,
        observer: GridObserver, spacing: Double, curvature: Double, radius: Double
    ) {
        self.observer = observer
        self.spacing = spacing
        let reach = radius / spacing
        sectors = max(8, Int((Double.pi * reach).rounded(.up)))  // two cells wide at the radius
        rings = Int(reach) + 2
        let (sectors, rings) = (sectors, rings)
        var bounds = [Float](repeating: -.infinity, count: sectors * rings)
        bounds.withUnsafeMutableBufferPointer { bounds in
            let firstRing = bounds.baseAddress!
            for y in row..<(row + height) {
                let dy = Double(y) - observer.row, rowStart = y &* gridWidth
                for x in column..<(column + width) {
                    let dx = Double(x) - observer.column
                    let cells = (dx * dx + dy * dy).squareRoot()
                    // The nearest a bounded crossing reading this cell can be, in cells.
                    let nearest = max(cells - 1, Self.startCells)
                    guard nearest < reach, cells + 1 > Self.startCells else { continue }
                    let ground = elevations[rowStart &+ x]
                    let rise = ground.isNaN ? Double.infinity : Double(ground) + 0.01 - observer.height
                    let steepest = Self.steepestAngle(rise: rise, from: nearest * spacing, to: (cells + 1) * spacing, curvature: curvature)
                    let (low, high) = Self.sectorRange(dx: dx, dy: dy, cells: cells, sectors: sectors)
                    Self.raise(firstRing + floorInteger(nearest) &* sectors, of: sectors, from: low, through: high, to: steepest)
                }
            }
            for ring in 1..<rings {
                for sector in 0..<sectors {
                    let own = bounds[ring &* sectors &+ sector], nearer = bounds[(ring &- 1) &* sectors &+ sector]
                    bounds[ring &* sectors &+ sector] = own > nearer ? own : nearer
                }
            }
        }
        self.bounds = bounds
    }

    /// The steepest (rise − curvature·d²)/d over distances `near`…`far` metres (near > 0), as a Float no lower
    /// than it: each term at its own steepest.
    private static func steepestAngle(rise: Double, from near: Double, to far: Double, curvature: Double) -> Float {
        Float((rise > 0 ? rise / near : rise / far) - curvature * near).nextUp
    }

    /// Raises the bounds of the ring at `ring` (`count` sectors) from sector `low` through `high` (wrapped around the
    /// ring) to at least `value`.
    @inline(__always)
    private static func raise(_ ring: UnsafeMutablePointer<Float>, of count: Int, from low: Int, through high: Int, to value: Float) {
        if high &- low >= count &- 1 {
            raise(ring, from: 0, to: count, value)
        } else if low < 0 {
            raise(ring, from: low &+ count, to: count, value)
            raise(ring, from: 0, to: high &+ 1, value)
        } else if high >= count {
            raise(ring, from: low, to: count, value)
            raise(ring, from: 0, to: high &+ 1 &- count, value)
        } else {
            raise(ring, from: low, to: high &+ 1, value)
        }
    }

    @inline(__always)
    private static func raise(_ ring: UnsafeMutablePointer<Float>, from start: Int, to end: Int, _ value: Float) {
        var slot = start
        while slot < end {
            ring[slot] = value > ring[slot] ? value : ring[slot]
            slot &+= 1
        }
    }

    /// The sectors (from below 0 to past `sectors`, to be wrapped) holding every direction of a bounded crossing
    /// (no nearer than `startCells`) within one cell of the cell at (`dx`, `dy`) cells from the observer, `cells`
    /// (> 1) away; the diamond angle moves by at most one per radian of direction.
    private static func sectorRange(dx: Double, dy: Double, cells: Double, sectors: Int) -> (low: Int, high: Int) {
        let scale = 0.25 * Double(sectors)
        let centre = diamond(dx, dy) * scale, half = halfWidth(cells) * scale + 1e-6
        return (floorInteger(centre - half), floorInteger(centre + half))
    }

    /// How far (radians) the direction of a bounded crossing within one cell of a cell `cells` away can turn from
    /// the cell's own: asin(1/cells) where the tangent from the observer touches that cell's unit circle beyond
    /// `startCells` (bounded by 1.04/cells there, cells ≥ √5 for two start cells), else where the circle meets
    /// the start distance.
    private static func halfWidth(_ cells: Double) -> Double {
        let start = startCells
        guard cells * cells - 1 < start * start else { return 1.04 / cells }
        return acos(min(1, (start * start + cells * cells - 1) / (2 * start * cells))) * (1 + 1e-9) + 1e-9
    }

    /// The diamond angle of direction (`dx`, `dy`), in [0, 4): it grows with the true angle, by at most one per radian.
    private static func diamond(_ dx: Double, _ dy: Double) -> Double {
        let sum = abs(dx) + abs(dy)
        guard sum > 0 else { return 0 }
        let p = dy / sum
        return dx >= 0 ? (dy >= 0 ? p : 4 + p) : 2 - p
    }

    /// The sector of direction (`dx`, `dy`): its diamond angle in `sectors` equal parts.
    private static func sector(_ dx: Double, _ dy: Double, sectors: Int) -> Int {
        min(sectors - 1, floorInteger(diamond(dx, dy) * 0.25 * Double(sectors)))
    }

    /// The part of the ray to the cell at (`column`, `row`), `distance` metres away, whose crossings are known
    /// neither to block a target seen at `targetSlope` (rise per metre) nor to cross a void, as fractions of the
    /// way; nil when nothing is known.
    func clearPart(column: Int, row: Int, distance: Double, targetSlope: Double) -> Range<Double>? {
        guard let bound = bound(column: column, row: row, distance: distance) else { return nil }
        // The margin dwarfs the rounding of the exact test (heights ~1e3 m, errors ~1e-13 m).
        guard bound.steepest < targetSlope - 1e-9 else { return nil }
        return (bound.after / distance)..<(bound.before / distance)
    }

    /// The steepest angle (rise per metre) any crossing of the ray to the cell at (`column`, `row`), `distance`
    /// metres away, can show between `after` and `before` metres (`startCells` from the observer, `nearCells` short
    /// of the target); nil when the cell is too near.
    func bound(column: Int, row: Int, distance: Double) -> (after: Double, before: Double, steepest: Double)? {
        let after = Self.startCells * spacing, before = distance - Self.nearCells * spacing
        guard before > after else { return nil }
        let dx = Double(column) - observer.column, dy = Double(row) - observer.row
        let ring = min(rings - 1, floorInteger(before / spacing))
        return (after, before, Double(bounds[ring &* sectors &+ Self.sector(dx, dy, sectors: sectors)]))
    }
}
