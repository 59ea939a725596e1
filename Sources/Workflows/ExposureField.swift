import Coverage
import Foundation
import Propagation

/// One antenna of an exposure assessment, on a metric grid: where it radiates from and how far its full-load power
/// density stays over its limit.
struct ExposureSource: Sendable {
    let antenna: Antenna
    /// Its position on the grid's map and its height above sea level, metres.
    let x: Double, y: Double, z: Double
    /// EIRP / (4π S_lim), m²: at boresight its power density over its limit is this over the squared distance.
    let reachSquared: Double

    /// `site` at map position (`x`, `y`) and `z` metres above sea level, at full load against `limits`; nil when the site
    /// file leaves its full load unknown or its frequency lies outside the limits' range.
    init?(_ site: Site, x: Double, y: Double, z: Double, limits: ExposureLimits) {
        guard let eirp = site.fullLoadEIRPDBm, let limit = limits.powerDensityLimit(frequencyMHz: site.frequencyMHz) else { return nil }
        antenna = site.antenna
        (self.x, self.y, self.z) = (x, y, z)
        reachSquared = pow(10, (eirp - 30) / 10) / (4 * .pi * limit)
    }
}

/// The exposure ratio around antennas: each antenna's far-field power density at full load (its EIRP times its gain
/// towards the point, over 4πr²) over its frequency's limit, summed over the antennas (the rule for several
/// frequencies of ICNIRP and QCVN 8:2010); 1 is the limit. Close to an antenna the far-field formula overstates the
/// field, so the zone it gives errs on the safe side.
struct ExposureField: Sendable {
    let sources: [ExposureSource]
    /// The grid azimuth of true north, degrees clockwise (the meridian convergence where the grid is read).
    let gridNorth: Double

    /// What the ground adds to the field near it: a reflection of up to 60 % of the direct field, in power 1.6² (the
    /// factor of ITU-T K.52 and FCC OET Bulletin 65 for points near the ground).
    static let groundReflection = 2.56

    /// The exposure ratio at map point (`x`, `y`), `z` metres above sea level; infinite at an antenna.
    func ratio(x: Double, y: Double, z: Double) -> Double {
        var total = 0.0
        for index in sources.indices {
            let source = sources[index]
            let east = x - source.x, north = y - source.y, rise = z - source.z
            let level = east * east + north * north, squared = level + rise * rise
            guard squared > 0 else { return .infinity }
            var gain = 1.0
            if !source.antenna.isOmni {
                let azimuth = atan2(east, north) * 180 / .pi - gridNorth, elevation = atan2(rise, level.squareRoot()) * 180 / .pi
                gain = pow(10, source.antenna.relativeGain(azimuth: azimuth, elevation: elevation) / 10)
            }
            total += source.reachSquared * gain / squared
        }
        return total
    }
}
