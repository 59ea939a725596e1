import Foundation
import Terrain

/// Terrain diffraction by the delta-Bullington method of ITU-R P.526 (§4.5; the same method as P.1812 §4.3):
/// Bullington's single equivalent knife edge over the real profile, corrected by the difference between
/// the spherical-earth loss and Bullington's loss on the smooth surface fitted to the path.
public struct DeltaBullington: Sendable, Equatable {
    /// Bullington loss over the actual terrain and its knife-edge part J(ν), dB.
    public let actualBullington: Double
    public let actualKnifeEdge: Double
    /// Bullington loss over the smooth path with effective heights, dB.
    public let smoothBullington: Double
    /// Spherical-earth diffraction loss for the smooth path, dB.
    public let sphericalEarth: Double
    /// Effective antenna heights above the smooth surface (m).
    public let effectiveHeights: (Double, Double)
    /// The elevation (degrees) at which the path reaches the receiver: the steepest slope from it to the terrain
    /// where that stands in the way (Bullington's S_rb), else to the transmitting antenna, less the earth's bulge.
    public let arrivalElevationDegrees: Double
    /// Total diffraction loss: actual Bullington + max(spherical − smooth Bullington, 0), dB.
    public var loss: Double { actualBullington + max(sphericalEarth - smoothBullington, 0) }

    public static func == (a: DeltaBullington, b: DeltaBullington) -> Bool {
        a.actualBullington == b.actualBullington && a.smoothBullington == b.smoothBullington
            && a.sphericalEarth == b.sphericalEarth && a.effectiveHeights == b.effectiveHeights && a.arrivalElevationDegrees == b.arrivalElevationDegrees
    }

    /// Diffraction over `profile` between antennas `heights` above its first and last points.
    /// `earth` gives the effective radius; `permittivity`/`conductivity` the ground for the spherical term.
    public init(
        profile: TerrainProfile, heights: (Double, Double), frequencyMHz: Double, earth: EarthModel,
        polarization: Polarization, permittivity: Double, conductivity: Double
    ) {
        let path = KilometrePath(profile)
        let ghz = frequencyMHz / 1_000
        let radiusKm = earth.kFactor * earth.radius / 1_000
        let hts = path.h[0] + heights.0, hrs = path.h[path.h.count - 1] + heights.1
        let actual = Self.bullington(path, hts, hrs, radiusKm: radiusKm, ghz: ghz)
        (actualBullington, actualKnifeEdge, arrivalElevationDegrees) = (actual.loss, actual.knifeEdge, actual.arrival)
        let surface = path.smoothSurfaceHeights(hts: hts, hrs: hrs)
        let effective = (hts - surface.0, hrs - surface.1)
        effectiveHeights = effective
        let flat = KilometrePath(distances: path.d, heights: [Double](repeating: 0, count: path.h.count))
        smoothBullington = Self.bullington(flat, effective.0, effective.1, radiusKm: radiusKm, ghz: ghz).loss
        sphericalEarth = Self.sphericalEarth(
            distance: path.length, heights: effective, radiusKm: radiusKm, ghz: ghz, polarization: polarization,
            permittivity: permittivity, conductivity: conductivity
        )
    }

    /// Bullington loss (P.526 Eqs. for Stim, Str, Srim, ν; L = Luc + (1 − e^(−Luc/6))(10 + 0.02 d)), and the
    /// path's arrival at the receiver (degrees, `arrivalElevationDegrees`).
    static func bullington(
        _ path: KilometrePath, _ hts: Double, _ hrs: Double, radiusKm: Double, ghz: Double
    ) -> (loss: Double, knifeEdge: Double, arrival: Double) {
        let total = path.length, curvature = radiusKm.isInfinite ? 0 : 1 / radiusKm
        let wavelength = 0.2998 / ghz
        let interior = 1..<(path.d.count - 1)
        func bulged(_ i: Int) -> Double { path.h[i] + 500 * curvature * path.d[i] * (total - path.d[i]) }
        let slopeToPoints = interior.map { (bulged($0) - hts) / path.d[$0] }.max() ?? -Double.infinity
        let slopeDirect = (hrs - hts) / total
        let nu: Double, arrivalSlope: Double
        // P.526 takes the line-of-sight branch for Stim < Str; at exact grazing (Stim = Str) the
        // trans-horizon formulas divide 0 by 0, while this branch gives the right ν = 0.
        if slopeToPoints <= slopeDirect {
            nu = interior.map { i -> Double in
                lineOfSightNu(bulged: bulged(i), at: path.d[i], hts: hts, hrs: hrs, totalKm: total, wavelength: wavelength)
            }.max() ?? -Double.infinity
            arrivalSlope = -slopeDirect
        } else {
            let slopeFromReceiver = interior.map { (bulged($0) - hrs) / (total - path.d[$0]) }.max()!
            nu = beyondHorizonNu(
                slopes: (slopeToPoints, slopeFromReceiver), hts: hts, hrs: hrs, totalKm: total, wavelength: wavelength
            )
            arrivalSlope = slopeFromReceiver
        }
        let (loss, knifeEdge) = bullingtonLoss(nu: nu, totalKm: total)
        return (loss, knifeEdge, arrivalElevationDegrees(slopeKm: arrivalSlope, totalKm: total, curvature: curvature))
    }

    /// The elevation (degrees) of a slope of `slopeKm` metres a kilometre seen back from the receiver over a path of
    /// `totalKm` whose heights carry the earth's bulge (`curvature`, 1/km): the slope less the bulge's at the receiver.
    static func arrivalElevationDegrees(slopeKm: Double, totalKm: Double, curvature: Double) -> Double {
        (slopeKm - 500 * curvature * totalKm) / 1_000 * 180 / .pi
    }

    /// ν of one profile point `bulged` metres high (earth bulge included) at `distanceKm` when the path is in
    /// line of sight (P.526 Eq. for νmax).
    static func lineOfSightNu(
        bulged: Double, at distanceKm: Double, hts: Double, hrs: Double, totalKm: Double, wavelength: Double
    ) -> Double {
        let line = (hts * (totalKm - distanceKm) + hrs * distanceKm) / totalKm
        let scale = 0.002 * totalKm / (wavelength * distanceKm * (totalKm - distanceKm))
        return (bulged - line) * scale.squareRoot()
    }

    /// ν of the Bullington point of a trans-horizon path from the steepest slopes seen from both terminals.
    static func beyondHorizonNu(
        slopes: (fromTransmitter: Double, fromReceiver: Double), hts: Double, hrs: Double, totalKm: Double,
        wavelength: Double
    ) -> Double {
        let point = (hrs - hts + slopes.fromReceiver * totalKm) / (slopes.fromTransmitter + slopes.fromReceiver)
        let line = (hts * (totalKm - point) + hrs * point) / totalKm
        let scale = 0.002 * totalKm / (wavelength * point * (totalKm - point))
        return (hts + slopes.fromTransmitter * point - line) * scale.squareRoot()
    }

    /// Bullington's loss from the equivalent knife edge's ν: J(ν) + (1 − e^(−J/6))(10 + 0.02 d), and J(ν).
    static func bullingtonLoss(nu: Double, totalKm: Double) -> (loss: Double, knifeEdge: Double) {
        let knifeEdge = knifeEdgeLoss(nu: nu)
        return (knifeEdge + (1 - exponential(-knifeEdge / 6)) * (10 + 0.02 * totalKm), knifeEdge)
    }

    /// Spherical-earth diffraction loss for antennas `heights` (m) over a smooth earth of `radiusKm`.
    static func sphericalEarth(
        distance: Double, heights: (Double, Double), radiusKm: Double, ghz: Double, polarization: Polarization,
        permittivity: Double, conductivity: Double
    ) -> Double {
        guard radiusKm.isFinite else { return 0 }
        let (hte, hre) = heights
        let wavelength = 0.2998 / ghz
        let firstTerm = { (radius: Double) in
            firstTermLoss(distance: distance, heights: heights, radiusKm: radius, ghz: ghz, polarization: polarization,
                          permittivity: permittivity, conductivity: conductivity)
        }
        let marginalLOS = (2 * radiusKm).squareRoot() * ((0.001 * hte).squareRoot() + (0.001 * hre).squareRoot())
        if distance >= marginalLOS { return firstTerm(radiusKm) }
        // Within line of sight: scale the loss at marginal LoS by the clearance of the ray over the earth.
        let c = (hte - hre) / (hte + hre)
        let m = 250 * distance * distance / (radiusKm * (hte + hre))
        let b = 2 * ((m + 1) / (3 * m)).squareRoot() * cos(Double.pi / 3 + acos(1.5 * c * (3 * m / pow(m + 1, 3)).squareRoot()) / 3)
        let d1 = distance / 2 * (1 + b), d2 = distance - d1
        let clearance = ((hte - 500 * d1 * d1 / radiusKm) * d2 + (hre - 500 * d2 * d2 / radiusKm) * d1) / distance
        let required = 17.456 * (d1 * d2 * wavelength / distance).squareRoot()
        guard clearance <= required else { return 0 }
        let marginalRadius = 500 * pow(distance / (hte.squareRoot() + hre.squareRoot()), 2)
        let loss = firstTerm(marginalRadius)
        return loss < 0 ? 0 : (1 - clearance / required) * loss
    }

    /// First term of the residue series for a smooth spherical earth (P.526 §3.1.1.2; P.1812 Eqs. 29–36).
    static func firstTermLoss(
        distance: Double, heights: (Double, Double), radiusKm: Double, ghz: Double, polarization: Polarization,
        permittivity: Double, conductivity: Double
    ) -> Double {
        let admittance = 18 * conductivity / ghz
        let horizontal = 0.036 * pow(radiusKm * ghz, -1.0 / 3.0)
            * pow((permittivity - 1) * (permittivity - 1) + admittance * admittance, -0.25)
        let k = polarization == .horizontal
            ? horizontal : horizontal * (permittivity * permittivity + admittance * admittance).squareRoot()
        let beta = (1 + 1.6 * k * k + 0.67 * pow(k, 4)) / (1 + 4.5 * k * k + 1.53 * pow(k, 4))
        let x = 21.88 * beta * pow(ghz / (radiusKm * radiusKm), 1.0 / 3.0) * distance
        let yScale = 0.9575 * beta * pow(ghz * ghz / radiusKm, 1.0 / 3.0)
        let distanceTerm = x >= 1.6 ? 11 + 10 * decimalLog(x) - 17.6 * x : -20 * decimalLog(x) - 5.6488 * pow(x, 1.425)
        func heightGain(_ y: Double) -> Double {
            let b = beta * y
            let gain = b > 2 ? 17.6 * (b - 1.1).squareRoot() - 5 * decimalLog(b - 1.1) - 8 : 20 * decimalLog(b + 0.1 * b * b * b)
            return max(gain, 2 + 20 * decimalLog(k))
        }
        return -distanceTerm - heightGain(yScale * heights.0) - heightGain(yScale * heights.1)
    }
}

/// A profile with distances in kilometres from the transmitter and heights in metres.
struct KilometrePath {
    let d: [Double]
    let h: [Double]

    init(_ profile: TerrainProfile) {
        d = profile.elevations.indices.map { Double($0) * profile.step / 1_000 }
        h = profile.elevations
    }

    init(distances: [Double], heights: [Double]) {
        d = distances
        h = heights
    }

    var length: Double { d[d.count - 1] - d[0] }

    /// Heights of the smooth surface under each terminal for the diffraction model (P.1812 §5.6.1–5.6.2):
    /// a least-squares surface through the profile, lowered where an obstacle rises above the direct ray,
    /// and never above the ground at the terminal.
    func smoothSurfaceHeights(hts: Double, hrs: Double) -> (Double, Double) {
        let n = d.count, total = length
        var v1 = 0.0, v2 = 0.0
        for i in 1..<n {
            let step = d[i] - d[i - 1]
            v1 += step * (h[i] + h[i - 1])
            v2 += step * (h[i] * (2 * d[i] + d[i - 1]) + h[i - 1] * (d[i] + 2 * d[i - 1]))
        }
        let interior = 1..<(n - 1)
        let above = interior.map { h[$0] - (hts * (total - d[$0]) + hrs * d[$0]) / total }
        guard let highest = above.max(), highest > 0 else {
            return Self.surfaceHeights(v1: v1, v2: v2, totalKm: total, grounds: (h[0], h[n - 1]))
        }
        return Self.surfaceHeights(
            v1: v1, v2: v2, totalKm: total, grounds: (h[0], h[n - 1]),
            obstacle: (
                highest, zip(interior, above).map { $1 / d[$0] }.max()!, zip(interior, above).map { $1 / (total - d[$0]) }.max()!
            )
        )
    }

    /// The smooth-surface heights under the terminals from the profile integrals v1 = 2∫h dd and
    /// v2 = 6∫h·d dd (P.1812 §5.6.1), lowered by an `obstacle` above the direct ray — its height and the largest
    /// ratios of height above the ray to distance from each terminal — and never above the terminals' `grounds`.
    static func surfaceHeights(
        v1: Double, v2: Double, totalKm: Double, grounds: (Double, Double),
        obstacle: (height: Double, fromTransmitter: Double, fromReceiver: Double)? = nil
    ) -> (Double, Double) {
        var transmitter = (2 * v1 * totalKm - v2) / (totalKm * totalKm)
        var receiver = (v2 - v1 * totalKm) / (totalKm * totalKm)
        if let obstacle {
            let sum = obstacle.fromTransmitter + obstacle.fromReceiver
            transmitter -= obstacle.height * obstacle.fromTransmitter / sum
            receiver -= obstacle.height * obstacle.fromReceiver / sum
        }
        return (min(transmitter, grounds.0), min(receiver, grounds.1))
    }
}
