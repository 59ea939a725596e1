import Foundation
import Terrain

/// ITU-R P.526 delta-Bullington for a receiver placed on a radial, with the radial's samples and the
/// receiver's tail stretched to equal steps over the receiver's true distance. The transmitter's horizon, the
/// receiver's horizon, the smooth-surface fit and the highest obstacle come from the radial's running
/// statistics; only the line-of-sight ν over the terrain scans the samples (in blocks, passed over when their
/// highest terrain cannot beat the best so far); over the smooth earth it comes from the roots of ν′.
struct P526Radial: Sendable {
    let antennaHeights: (Double, Double)
    let frequencyMHz: Double
    let earth: EarthModel
    let polarization: Polarization
    let permittivity: Double
    let conductivity: Double

    /// Path loss to the receiver `distance` metres away — free space over the slant path plus diffraction — and the
    /// path's arrival there (`DeltaBullington.arrivalElevationDegrees`).
    func loss(along path: RadialPath, distance: Double) -> ModelLoss {
        let k = path.receiverIndex, z = path.heights
        let hts = z[0] + antennaHeights.0, hrs = z[k] + antennaHeights.1
        let rise = hrs - hts
        let freeSpace = freeSpaceLoss(distance: (distance * distance + rise * rise).squareRoot(), frequencyMHz: frequencyMHz)
        let ghz = frequencyMHz / 1_000, wavelength = 0.2998 / ghz
        let radiusKm = earth.kFactor * earth.radius / 1_000
        let bulge = radiusKm.isInfinite ? 0 : 500 / radiusKm
        let total = distance / 1_000, stepKm = total / Double(k)
        let actual = bullington(path, hts: hts, hrs: hrs, bulge: bulge, stepKm: stepKm, wavelength: wavelength)
        let surface = smoothSurfaceHeights(path, hts: hts, hrs: hrs, stepKm: stepKm)
        let effective = (hts - surface.0, hrs - surface.1)
        let smooth = smoothBullington(
            effective: effective, intervals: k, bulge: bulge, stepKm: stepKm, wavelength: wavelength
        )
        let spherical = DeltaBullington.sphericalEarth(
            distance: total, heights: effective, radiusKm: radiusKm, ghz: ghz, polarization: polarization,
            permittivity: permittivity, conductivity: conductivity
        )
        return ModelLoss(
            freeSpace + actual.loss + max(spherical - smooth, 0), arrivalElevationDegrees: actual.arrival
        )
    }

    /// Bullington loss over the actual terrain, and the path's arrival at the receiver (degrees).
    private func bullington(
        _ path: RadialPath, hts: Double, hrs: Double, bulge: Double, stepKm: Double, wavelength: Double
    ) -> (loss: Double, arrival: Double) {
        let k = path.receiverIndex, z = path.heights, total = Double(k) * stepKm
        func bulged(_ i: Int) -> Double { z[i] + bulge * Double(i) * stepKm * (total - Double(i) * stepKm) }
        let direct = (hrs - hts) / total, curvature = bulge / 500
        guard k >= 2 else { return (0, DeltaBullington.arrivalElevationDegrees(slopeKm: -direct, totalKm: total, curvature: curvature)) }
        let slopeToPoints = (bulged(path.curvedHorizon) - hts) / (Double(path.curvedHorizon) * stepKm)
        let nu: Double, arrivalSlope: Double
        if slopeToPoints <= direct {
            nu = Self.largestNu(
                intervals: k, stepKm: stepKm, heights: (hts, hrs), wavelength: wavelength, bulge: bulge, bulged: bulged,
                path: path
            )
            arrivalSlope = -direct
        } else {
            let back = path.receiverHorizon(height: hrs, curved: true)
            let slopeFromReceiver = (bulged(back) - hrs) / (total - Double(back) * stepKm)
            nu = DeltaBullington.beyondHorizonNu(
                slopes: (slopeToPoints, slopeFromReceiver), hts: hts, hrs: hrs, totalKm: total, wavelength: wavelength
            )
            arrivalSlope = slopeFromReceiver
        }
        let arrival = DeltaBullington.arrivalElevationDegrees(slopeKm: arrivalSlope, totalKm: total, curvature: curvature)
        return (DeltaBullington.bullingtonLoss(nu: nu, totalKm: total).loss, arrival)
    }

    /// Bullington loss over the smooth earth between antennas `effective` metres above it: the steepest
    /// slopes are maxima of concave functions of distance, found among the samples around their peaks.
    private func smoothBullington(
        effective: (Double, Double), intervals k: Int, bulge: Double, stepKm: Double, wavelength: Double
    ) -> Double {
        guard k >= 2 else { return 0 }
        let total = Double(k) * stepKm
        let (hte, hre) = effective
        func bulged(_ i: Int) -> Double { bulge * Double(i) * stepKm * (total - Double(i) * stepKm) }
        /// The sample with the largest `value`, among the ends and the two samples around `peakKm`.
        func bestAround(peakKm: Double, _ value: (Int) -> Double) -> Double {
            var best = max(value(1), value(k - 1))
            if peakKm.isFinite {
                let peak = peakKm / stepKm
                for index in [floorInteger(peak), ceilingInteger(peak)] {
                    best = max(best, value(min(max(index, 1), k - 1)))
                }
            }
            return best
        }
        let towardsReceiver = bulge > 0 && hte > 0 ? (hte / bulge).squareRoot() : .infinity
        let slopeToPoints = bestAround(peakKm: towardsReceiver) { i -> Double in (bulged(i) - hte) / (Double(i) * stepKm) }
        let nu: Double
        if slopeToPoints <= (hre - hte) / total {
            nu = Self.smoothLargestNu(intervals: k, stepKm: stepKm, heights: (hte, hre), wavelength: wavelength, bulge: bulge)
        } else {
            let towardsTransmitter = bulge > 0 && hre > 0 ? total - (hre / bulge).squareRoot() : -.infinity
            let slopeFromReceiver = bestAround(peakKm: towardsTransmitter) { i -> Double in
                (bulged(i) - hre) / (total - Double(i) * stepKm)
            }
            nu = DeltaBullington.beyondHorizonNu(
                slopes: (slopeToPoints, slopeFromReceiver), hts: hte, hrs: hre, totalKm: total, wavelength: wavelength
            )
        }
        return DeltaBullington.bullingtonLoss(nu: nu, totalKm: total).loss
    }

    /// The largest line-of-sight ν over the interior samples of a smooth path (the earth's bulge
    /// `bulge`·x·(d − x) and nothing else) of `intervals` steps of `stepKm`, the antennas `heights` above it, without
    /// visiting every sample: ν(x) = H(x)·√(0.002 d / (λ x (d − x))) with H the bulge above the chord, a quadratic,
    /// so ν′ has the sign of the cubic N = 2H′t − Ht′ (t = x(d − x)). ν's local maxima are where N falls through
    /// zero — at most two, found by bisection on the pieces where N is monotone — and the largest sample lies next
    /// to one of them or at an end.
    static func smoothLargestNu(
        intervals k: Int, stepKm: Double, heights: (Double, Double), wavelength: Double, bulge: Double
    ) -> Double {
        let d = Double(k) * stepKm, (hte, hre) = heights
        func nu(_ i: Int) -> Double {
            let x = Double(min(max(i, 1), k - 1)) * stepKm
            return DeltaBullington.lineOfSightNu(
                bulged: bulge * x * (d - x), at: x, hts: hte, hrs: hre, totalKm: d, wavelength: wavelength
            )
        }
        // H(x) = −b x² + h1 x + h0, so N(x) = 2b x³ − 3bd x² + (h1 d + 2h0) x − h0 d.
        let b = bulge, h0 = -hte, h1 = bulge * d - (hre - hte) / d
        func n(_ x: Double) -> Double { ((2 * b * x - 3 * b * d) * x + (h1 * d + 2 * h0)) * x - h0 * d }
        var best = max(nu(1), nu(k - 1))
        /// On a piece where N falls from positive to negative, the samples around its root: the largest sample
        /// of that peak is one of the two either side of it, which the four looked at cover once the root is
        /// known to within half a step.
        func lookBetween(_ low: Double, _ high: Double) {
            guard low < high, n(low) > 0, n(high) < 0 else { return }
            var (low, high) = (low, high)
            while high - low > 0.5 * stepKm {
                let middle = 0.5 * (low + high)
                if n(middle) > 0 { low = middle } else { high = middle }
            }
            let sample = floorInteger(low / stepKm)
            for i in (sample - 1)...(sample + 2) { best = max(best, nu(i)) }
        }
        // N′(x) = 6b x² − 6bd x + (h1 d + 2h0): its roots split (0, d) where N turns.
        let discriminant = 36 * b * b * d * d - 24 * b * (h1 * d + 2 * h0)
        if b > 0 && discriminant > 0 {
            let root = discriminant.squareRoot()
            let first = min(max((6 * b * d - root) / (12 * b), 0), d), second = min(max((6 * b * d + root) / (12 * b), 0), d)
            lookBetween(0, first)
            lookBetween(first, second)
            lookBetween(second, d)
        } else {
            lookBetween(0, d)
        }
        return best
    }

    /// The smooth surface under each terminal (P.1812 §5.6.1–5.6.2) from the radial's sums and hulls.
    private func smoothSurfaceHeights(_ path: RadialPath, hts: Double, hrs: Double, stepKm: Double) -> (Double, Double) {
        let k = path.receiverIndex, z = path.heights, total = Double(k) * stepKm
        let interior = k >= 2 ? path.sum(1, k - 1) : 0
        let interiorWeighted = k >= 2 ? path.weightedSum(1, k - 1) : 0
        let v1 = stepKm * (2 * interior + z[0] + z[k])
        let v2 = stepKm * stepKm * (6 * interiorWeighted + z[0] + Double(3 * k - 1) * z[k])
        let slope = (hrs - hts) / Double(k)
        func above(_ i: Int) -> Double { z[i] - (hts + slope * Double(i)) }
        let highest = k >= 2 ? above(path.highestAbove(slope: slope)) : 0
        guard highest > 0 else {
            return KilometrePath.surfaceHeights(v1: v1, v2: v2, totalKm: total, grounds: (z[0], z[k]))
        }
        let near = path.flatHorizon, back = path.receiverHorizon(height: hrs, curved: false)
        return KilometrePath.surfaceHeights(
            v1: v1, v2: v2, totalKm: total, grounds: (z[0], z[k]),
            obstacle: (highest, above(near) / (Double(near) * stepKm), above(back) / (total - Double(back) * stepKm))
        )
    }

    /// The largest line-of-sight ν over the interior samples of `path` (the receiver placed, `intervals` steps of
    /// `stepKm`), whose heights `bulged` are terrain lifted by the earth's bulge `bulge`·x·(d − x). The receiver's
    /// tail is evaluated one by one, first; the appended samples in blocks of `RadialPath.blockSize`, each passed
    /// over when a bound from its highest terrain shows that no sample in it can beat the best so far.
    private static func largestNu(
        intervals k: Int, stepKm: Double, heights: (Double, Double), wavelength: Double, bulge: Double,
        bulged: (Int) -> Double, path: RadialPath
    ) -> Double {
        let tailStart = path.count
        let total = Double(k) * stepKm
        func nu(_ i: Int) -> Double {
            DeltaBullington.lineOfSightNu(
                bulged: bulged(i), at: Double(i) * stepKm, hts: heights.0, hrs: heights.1, totalKm: total,
                wavelength: wavelength
            )
        }
        let blockSize = RadialPath.blockSize, lastInBlocks = min(tailStart, k) - 1
        /// Block `block`'s interior samples and a bound on their ν. Above the chord ν rises with height, and
        /// its scale √(0.002 d / (λ x (d − x))) is least nearest mid-path and largest at an end of the block:
        /// height and scale are bounded apart.
        func bounded(_ block: Int) -> (samples: ClosedRange<Int>, bound: Double)? {
            let first = max(1, block * blockSize), end = min(lastInBlocks, block * blockSize + blockSize - 1)
            guard first <= end else { return nil }
            let (near, far) = (Double(first) * stepKm, Double(end) * stepKm)
            let middle = min(max(total / 2, near), far)
            let lowestChord = min(
                (heights.0 * (total - near) + heights.1 * near) / total, (heights.0 * (total - far) + heights.1 * far) / total
            )
            let clearance = path.highestInBlock(block) + bulge * middle * (total - middle) - lowestChord
            func scale(_ x: Double) -> Double { (0.002 * total / (wavelength * x * (total - x))).squareRoot() }
            return (first...end, clearance * (clearance >= 0 ? max(scale(near), scale(far)) : scale(middle)))
        }
        var best = -Double.infinity
        for i in max(1, tailStart)..<k { best = max(best, nu(i)) }
        for block in stride(from: lastInBlocks / blockSize, through: 0, by: -1) {
            guard let (samples, bound) = bounded(block), bound >= best - 1e-9 * max(1, abs(best)) else { continue }
            for i in samples { best = max(best, nu(i)) }
        }
        return best
    }
}
