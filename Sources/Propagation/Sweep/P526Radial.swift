import Foundation

/// ITU-R P.526 delta-Bullington for a receiver placed on a radial, with the radial's samples and the
/// receiver's tail stretched to equal steps over the receiver's true distance. The transmitter's horizon, the
/// receiver's horizon, the smooth-surface fit and the highest obstacle come from the radial's running
/// statistics; only the line-of-sight ν scans the samples.
struct P526Radial: Sendable {
    let antennaHeights: (Double, Double)
    let frequencyMHz: Double
    let earth: EarthModel
    let polarization: Polarization
    let permittivity: Double
    let conductivity: Double

    /// Path loss (dB) to the receiver `distance` metres away: free space over the slant path plus diffraction.
    func loss(along path: RadialPath, distance: Double) -> Double {
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
        return freeSpace + actual + max(spherical - smooth, 0)
    }

    /// Bullington loss over the actual terrain.
    private func bullington(
        _ path: RadialPath, hts: Double, hrs: Double, bulge: Double, stepKm: Double, wavelength: Double
    ) -> Double {
        let k = path.receiverIndex, z = path.heights, total = Double(k) * stepKm
        func bulged(_ i: Int) -> Double { z[i] + bulge * Double(i) * stepKm * (total - Double(i) * stepKm) }
        guard k >= 2 else { return 0 }
        let slopeToPoints = (bulged(path.curvedHorizon) - hts) / (Double(path.curvedHorizon) * stepKm)
        let nu: Double
        if slopeToPoints <= (hrs - hts) / total {
            nu = Self.largestNu(
                intervals: k, stepKm: stepKm, heights: (hts, hrs), wavelength: wavelength, bulge: bulge, bulged: bulged,
                individuallyFrom: path.count, blockHighest: path.highestInBlock
            )
        } else {
            let back = path.receiverHorizon(height: hrs, curved: true)
            let slopeFromReceiver = (bulged(back) - hrs) / (total - Double(back) * stepKm)
            nu = DeltaBullington.beyondHorizonNu(
                slopes: (slopeToPoints, slopeFromReceiver), hts: hts, hrs: hrs, totalKm: total, wavelength: wavelength
            )
        }
        return DeltaBullington.bullingtonLoss(nu: nu, totalKm: total).loss
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
                for index: Int in [Int(peak.rounded(.down)), Int(peak.rounded(.up))] {
                    best = max(best, value(min(max(index, 1), k - 1)))
                }
            }
            return best
        }
        let towardsReceiver = bulge > 0 && hte > 0 ? (hte / bulge).squareRoot() : .infinity
        let slopeToPoints = bestAround(peakKm: towardsReceiver) { i -> Double in (bulged(i) - hte) / (Double(i) * stepKm) }
        let nu: Double
        if slopeToPoints <= (hre - hte) / total {
            nu = Self.largestNu(
                intervals: k, stepKm: stepKm, heights: (hte, hre), wavelength: wavelength, bulge: bulge, bulged: bulged,
                individuallyFrom: k, blockHighest: { _ in 0 }
            )
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

    /// The largest line-of-sight ν over the interior samples of a path of `intervals` steps of `stepKm`, whose
    /// heights `bulged` are terrain lifted by the earth's bulge `bulge`·x·(d − x). Samples from
    /// `individuallyFrom` on are evaluated one by one, first; the others in blocks of `RadialPath.blockSize`,
    /// each passed over when a bound from its highest terrain (`blockHighest`) shows that no sample in it can
    /// beat the best so far.
    private static func largestNu(
        intervals k: Int, stepKm: Double, heights: (Double, Double), wavelength: Double, bulge: Double,
        bulged: (Int) -> Double, individuallyFrom tailStart: Int, blockHighest: (Int) -> Double
    ) -> Double {
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
            let clearance = blockHighest(block) + bulge * middle * (total - middle) - lowestChord
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
