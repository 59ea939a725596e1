import Foundation
import Propagation
import Terrain

/// A fading climate as given — by `phusong path`'s and `backhaul`'s options or a batch job's fields — before it is
/// checked.
public struct FadingInput: Sendable, Equatable {
    public var rainRate001: Double?
    public var refractivityGradient: Double?

    public init(rainRate001: Double?, refractivityGradient: Double?) {
        self.rainRate001 = rainRate001
        self.refractivityGradient = refractivityGradient
    }

    /// The climate, nil when none is given; refuses half of one, one without the budget's threshold (which the fade
    /// margin is measured against), and values that make none. `name` writes a field as the user wrote it
    /// (`--rain-rate-mm-h` for `rain_rate_mm_h`).
    public func climate(budget: LinkBudgetSettings?, naming name: (String) -> String) throws(LinkBudgetError) -> FadingClimate? {
        guard let rainRate001, let refractivityGradient else {
            guard rainRate001 == nil, refractivityGradient == nil else {
                let missing = rainRate001 == nil ? "rain_rate_mm_h" : "dn1"
                throw LinkBudgetError(field: missing, "\(name("rain_rate_mm_h")) and \(name("dn1")) go together: availability needs both rain and multipath")
            }
            return nil
        }
        guard budget?.thresholdDBm != nil else {
            throw LinkBudgetError(
                field: "rain_rate_mm_h", "availability needs \(name("threshold_dbm")): the fade margin is measured against it"
            )
        }
        guard rainRate001 > 0, rainRate001.isFinite else {
            throw LinkBudgetError(field: "rain_rate_mm_h", "the rain rate must be a positive, finite number of mm/h")
        }
        guard refractivityGradient.isFinite else { throw LinkBudgetError(field: "dn1", "dN1 must be a finite number of N-units/km") }
        return FadingClimate(rainRate001: rainRate001, refractivityGradient: refractivityGradient)
    }
}

/// What a hop's availability needs besides its budget: the terrain's roughness around the hop's middle (ITU-R P.530's
/// s_a, the standard deviation of heights in a 110 km square), read off a 1 km grid cut once around all the hops' ends.
struct HopFading {
    let climate: FadingClimate
    private let roughness: AreaRoughness
    private let toGrid: CoordinateTransform

    /// P.530's square is 110 km across, of 30″ heights.
    static let halfSide = 55_000.0, spacing = 1_000.0

    /// Refuses a climate that `FadingInput` would refuse, naming the command's options.
    static func check(_ climate: FadingClimate?, budget: LinkBudgetSettings?) throws(InputError) {
        guard let climate else { return }
        let option = { (field: String) in "--" + field.replacingOccurrences(of: "_", with: "-") }
        do throws(LinkBudgetError) {
            _ = try FadingInput(rainRate001: climate.rainRate001, refractivityGradient: climate.refractivityGradient)
                .climate(budget: budget, naming: option)
        } catch {
            throw InputError(path: option(error.field), reason: error.message)
        }
    }

    /// The roughness grid around `ends` on `source`; parts beyond the terrain do not count.
    init(_ climate: FadingClimate, source: DEMSource, around ends: [GeoPoint]) throws(InputError) {
        self.climate = climate
        let grid = try source.metricGrid(
            around: ends, radius: Self.halfSide, resolution: Self.spacing, policy: VoidPolicy(maxVoidFraction: 1)
        ).grid
        roughness = AreaRoughness(grid)
        toGrid = CoordinateTransform(from: wgs84, to: grid.crs)
    }

    /// The middle of the hop between `ends` (across the antimeridian too).
    static func middle(of ends: (GeoPoint, GeoPoint)) -> GeoPoint {
        GeoPoint(latitude: (ends.0.latitude + ends.1.latitude) / 2, longitude: GeoPoint.meanLongitude(of: [ends.0, ends.1]))
    }

    /// s_a around each of `middles` (0 where the terrain holds no height within the square), projected in one call.
    func terrainRoughness(around middles: [GeoPoint]) throws(InputError) -> [Double] {
        let points: [MapPoint]
        do {
            points = try toGrid.apply(middles.map { MapPoint(x: $0.longitude, y: $0.latitude) })
        } catch {
            throw InputError(path: "--rain-rate-mm-h", reason: error.message)
        }
        return points.map { roughness.standardDeviation(around: $0, halfSide: Self.halfSide) ?? 0 }
    }

    /// The availability of a hop between `ends`, `lengthM` long between antennas at `altitudes` (metres above sea
    /// level), with `margin` dB over its threshold and `terrainRoughness` around its middle.
    func availability(
        margin: Double, ends: (GeoPoint, GeoPoint), altitudes: (Double, Double), lengthM: Double, link: LinkSettings,
        terrainRoughness: Double
    ) -> HopAvailability {
        let hop = FadingHop(
            lengthKm: lengthM / 1_000, frequencyGHz: link.frequencyMHz / 1_000, polarization: link.environment.itm.polarization,
            altitudes: altitudes, latitude: Self.middle(of: ends).latitude, terrainRoughness: terrainRoughness
        )
        return HopAvailability(margin: margin, hop: hop, climate: climate)
    }
}
