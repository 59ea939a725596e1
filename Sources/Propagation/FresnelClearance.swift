import Terrain

/// How far the terrain stays below the ray between two antennas and below the ray's first Fresnel zone, the check a
/// point-to-point link (a microwave backhaul hop between masts) is planned by: 0.6 of the first zone's radius kept
/// clear leaves the link within about 1 dB of free space.
public struct FresnelClearance: Sendable, Equatable {
    /// One point of the profile.
    public struct Point: Sendable, Equatable {
        /// Distance from the transmitter, metres.
        public let distance: Double
        /// Terrain height, metres.
        public let ground: Double
        /// The earth's bulge x(d − x)/(2kR) there, metres.
        public let bulge: Double
        /// Height of the straight ray between the antennas, metres.
        public let ray: Double
        /// Radius of the first Fresnel zone, √(λ x (d − x) / d), metres; 0 at the ends.
        public let fresnelRadius: Double

        /// Height of the ray above the terrain raised by the bulge, metres; negative where the terrain blocks the ray.
        public var clearance: Double { ray - (ground + bulge) }

        /// The clearance as a fraction of the first Fresnel zone's radius; nil at the ends, where the zone closes.
        public var fresnelFraction: Double? { fresnelRadius > 0 ? clearance / fresnelRadius : nil }
    }

    /// Every point of the profile, the ends included.
    public let points: [Point]
    /// The interior point whose clearance is the smallest fraction of its Fresnel radius; nil on a profile without one.
    public let worst: Point?

    /// The profile from `transmitterHeight` above its first point to `receiverHeight` above its last, at `frequencyMHz`.
    public init(
        profile: TerrainProfile, transmitterHeight: Double, receiverHeight: Double, frequencyMHz: Double, earth: EarthModel
    ) {
        let ray = ProfileRay(profile: profile, transmitterHeight: transmitterHeight, receiverHeight: receiverHeight, earth: earth)
        let wavelength = speedOfLight / (frequencyMHz * 1e6), length = profile.length
        points = profile.elevations.indices.map { index in
            let x = Double(index) * profile.step
            return Point(
                distance: x, ground: profile.elevations[index], bulge: ray.bulge(atDistance: x), ray: ray.height(atDistance: x),
                fresnelRadius: (wavelength * x * max(length - x, 0) / length).squareRoot()
            )
        }
        worst = points.dropFirst().dropLast().min { $0.fresnelFraction! < $1.fresnelFraction! }
    }

    /// True when no point of the terrain reaches the ray.
    public var isLineOfSight: Bool { clears(fraction: 0) }

    /// True when the terrain stays out of `fraction` of the first Fresnel zone everywhere between the ends.
    public func clears(fraction: Double) -> Bool { (worst?.fresnelFraction ?? .infinity) >= fraction }

    /// How far the antennas must rise (metres) for the terrain to stay out of `fraction` of the first Fresnel zone
    /// everywhere: both by the same height, the transmitter alone, or the receiver alone; 0 where it already does. A
    /// point x along a hop of length d sees the ray rise by the whole raise of both, by (1 − x/d) of the transmitter's,
    /// by x/d of the receiver's.
    public func raise(toClear fraction: Double) -> (both: Double, transmitter: Double, receiver: Double) {
        guard let length = points.last?.distance, length > 0 else { return (0, 0, 0) }
        var raise = (both: 0.0, transmitter: 0.0, receiver: 0.0)
        for point in points.dropFirst().dropLast() {
            let shortfall = fraction * point.fresnelRadius - point.clearance
            guard shortfall > 0 else { continue }
            let share = point.distance / length
            raise = (max(raise.both, shortfall), max(raise.transmitter, shortfall / (1 - share)), max(raise.receiver, shortfall / share))
        }
        return raise
    }
}
