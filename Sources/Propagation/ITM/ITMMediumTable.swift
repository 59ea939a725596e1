import Terrain

/// One link's medium tabulated by system height, every metre from below the Dead Sea to above Everest, and read
/// by linear interpolation. A footprint needs a medium per cell, and the formulas' chain of two exponentials, a
/// division and a cube root cost about 5 % of a 30 m ITM footprint. The interpolated refractivity differs from the
/// formula's by under 1e-6 N-units; the curvature, radius and scale by under 3e-8 of themselves at a sea-level
/// refractivity of 400 N-units (4e-9 at 301): a fraction of a metre of earth radius.
struct ITMMediumTable {
    private static let lowest = -500.0, highest = 9_000.0
    /// Surface refractivity, curvature, radius and diffraction scale at `lowest` + i metres.
    private let entries: [SIMD4<Double>]
    /// The link whose medium this is (its formulas serve heights outside the table).
    let link: ITMLink

    init(link: ITMLink) {
        self.link = link
        entries = (0...Int(Self.highest - Self.lowest)).map { metres in
            let medium = link.medium(systemHeight: Self.lowest + Double(metres))
            return SIMD4(medium.surfaceRefractivity, medium.curvature, medium.earthRadius, medium.diffractionScale)
        }
    }

    /// The medium for a path whose system height is `systemHeight` metres; outside the table, the formula's.
    @inline(__always) func medium(systemHeight: Double) -> ITMMedium {
        let position = systemHeight - Self.lowest
        guard position >= 0, position < Double(entries.count - 1) else { return link.medium(systemHeight: systemHeight) }
        let index = floorInteger(position), fraction = position - Double(index)
        return entries.withUnsafeBufferPointer { entries in
            let below = entries[index], value = below + fraction * (entries[index &+ 1] - below)
            return ITMMedium(
                surfaceRefractivity: value[0], curvature: value[1], earthRadius: value[2], diffractionScale: value[3]
            )
        }
    }
}
