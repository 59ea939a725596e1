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
/// frequencies of ICNIRP and QCVN 8); 1 is the limit. Close to an antenna the far-field formula overstates the
/// field, so the zone it gives errs on the safe side.
struct ExposureField: Sendable {
    let sources: [ExposureSource]
    /// The grid azimuth of true north, degrees clockwise (the meridian convergence where the grid is read).
    let gridNorth: Double

    /// What the ground adds to the field near it: a reflection of up to 60 % of the direct field, in power 1.6² (the
    /// factor of ITU-T K.52 and FCC OET Bulletin 65 for points near the ground).
    static let groundReflection = 2.56

    /// The direction of a point from an antenna, as its pattern reads it: degrees from boresight, and their cosine.
    typealias Bearing = (offset: Double, cosine: Double)

    /// The exposure ratio at map point (`x`, `y`), `z` metres above sea level; infinite at an antenna. `bearings`, when
    /// given, holds per antenna the point's direction from it where the caller knows it (a line from the antenna).
    func ratio(x: Double, y: Double, z: Double, bearings: [Bearing?]? = nil) -> Double {
        sources.withUnsafeBufferPointer { sources in
            var total = 0.0
            for index in sources.indices {
                let east = x - sources[index].x, north = y - sources[index].y, rise = z - sources[index].z
                let level = east * east + north * north, squared = level + rise * rise
                guard squared > 0 else { return .infinity }
                var gain = 1.0
                if !sources[index].antenna.isOmni {
                    let elevation = atan2(rise, level.squareRoot()) * 180 / .pi
                    let bearing = bearings?[index] ?? Self.bearing(of: atan2(east, north) * 180 / .pi - gridNorth, from: sources[index].antenna)
                    gain = pow(10, sources[index].antenna.relativeGain(offset: bearing.offset, cosineOfOffset: bearing.cosine, elevation: elevation) / 10)
                }
                total += sources[index].reachSquared * gain / squared
            }
            return total
        }
    }

    /// The direction true `azimuth` (degrees) takes from `antenna`'s boresight.
    static func bearing(of azimuth: Double, from antenna: Antenna) -> Bearing {
        let offset = Antenna.offset(of: azimuth, from: antenna.azimuth)
        return (offset, cos(offset * .pi / 180))
    }
}
