import Foundation
import Propagation

/// The compliance zone of one mast's antennas: the space where their exposure ratio reaches 1. Found along every whole
/// degree of true azimuth from the mast's centre at heights every `heightStep` metres and at each antenna's own height:
/// each line is scanned inward in `heightStep` steps from where the antennas could reach at most, and its zone's far
/// edge bisected to a millimetre.
struct ExposureZone: Sendable {
    /// Per whole degree of true azimuth (0 north, clockwise), the farthest horizontal distance of the zone from the
    /// centre, metres; 0 where it reaches no line of that azimuth.
    let reach: [Double]
    /// The zone's lowest and highest lattice heights, metres above sea level; nil when it reaches no line.
    let heights: ClosedRange<Double>?

    /// The lattice's vertical step and the inward scan's, metres.
    static let heightStep = 0.5

    /// The zone of `field`'s antennas around map point (`x`, `y`).
    init(_ field: ExposureField, x: Double, y: Double) {
        let sources = field.sources
        let offsets = sources.map { (($0.x - x) * ($0.x - x) + ($0.y - y) * ($0.y - y)).squareRoot() }
        // No point farther than `extent` from every antenna reaches the limit: the ratio there is at most the
        // antennas' reaches squared, summed, over `extent` squared.
        let extent = sources.reduce(0) { $0 + $1.reachSquared }.squareRoot()
        let lowest = sources.map(\.z).min()! - extent, highest = sources.map(\.z).max()! + extent
        let step = Self.heightStep
        let lattice = stride(from: (lowest / step).rounded(.down) * step, through: highest, by: step)
        let levels = Set(lattice).union(sources.map(\.z)).sorted()
        var reach = [Double](repeating: 0, count: 360)
        var heights: ClosedRange<Double>?
        for degree in 0..<360 {
            // An antenna at the centre sees the whole line in this azimuth, and gains towards it at most its pattern's
            // most at any elevation.
            let bearings = zip(sources, offsets).map { source, offset in
                offset > 0 ? nil : ExposureField.bearing(of: Double(degree), from: source.antenna)
            }
            let gains = zip(sources, bearings).map { source, bearing in
                bearing.map { pow(10, source.antenna.largestRelativeGain(offset: $0.offset) / 10) } ?? 1
            }
            /// The most the ratio can be at horizontal distance `distance` from the centre at height `z`.
            func bound(_ distance: Double, _ z: Double) -> Double {
                sources.indices.reduce(0) { total, index in
                    let apart = max(distance - offsets[index], 0), rise = z - sources[index].z
                    return total + sources[index].reachSquared * gains[index] / (apart * apart + rise * rise)
                }
            }
            let angle = (Double(degree) + field.gridNorth) * .pi / 180, (east, north) = (sin(angle), cos(angle))
            func ratio(_ distance: Double, _ z: Double) -> Double {
                field.ratio(x: x + distance * east, y: y + distance * north, z: z, bearings: bearings)
            }
            for z in levels {
                var distance = ((offsets.max()! + extent) / step).rounded(.up) * step
                while distance > 0, bound(distance, z) < 1 { distance -= step }
                while distance >= 0, ratio(distance, z) < 1 { distance -= step }
                guard distance >= 0 else { continue }
                // The ratio reaches 1 at `distance` and not a step beyond: the edge lies between.
                var (inside, outside) = (distance, distance + step)
                while outside - inside > 0.001 {
                    let middle = (inside + outside) / 2
                    if ratio(middle, z) >= 1 { inside = middle } else { outside = middle }
                }
                reach[degree] = max(reach[degree], inside)
                heights = heights.map { min($0.lowerBound, z)...max($0.upperBound, z) } ?? z...z
            }
        }
        self.reach = reach
        self.heights = heights
    }
}
