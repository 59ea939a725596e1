import Foundation

/// A base-station antenna: its radiation pattern and how it is mounted. Gains are relative to boresight
/// (the site's EIRP is at boresight), evaluated in 3-D from the azimuth and elevation towards each cell.
public struct Antenna: Sendable, Equatable {
    public enum Pattern: Sendable, Equatable {
        case omni
        /// The parabolic pattern of 3GPP TR 36.814 with −3 dB beamwidths in degrees.
        case parametric(horizontalBeamwidth: Double, verticalBeamwidth: Double)
        /// Horizontal and vertical cuts from a pattern file (electrical tilt included in the vertical cut).
        case measured(MSIPattern)
    }

    public var pattern: Pattern
    /// Boresight azimuth, degrees clockwise from north.
    public var azimuth: Double
    /// Mechanical downtilt, degrees below the horizon (tilts the whole antenna: full effect on boresight,
    /// reversed behind it).
    public var mechanicalTilt: Double
    /// Electrical downtilt, degrees (parametric pattern only; measured vertical cuts already contain it).
    public var electricalTilt: Double

    public init(pattern: Pattern, azimuth: Double = 0, mechanicalTilt: Double = 0, electricalTilt: Double = 0) {
        self.pattern = pattern
        self.azimuth = azimuth
        self.mechanicalTilt = mechanicalTilt
        self.electricalTilt = electricalTilt
    }

    public static let omni = Antenna(pattern: .omni)

    /// Largest attenuation of the parametric pattern (front-to-back) and of its vertical cut (side lobes), dB.
    public static let frontToBack = 25.0
    public static let verticalSideLobe = 20.0

    /// True when the gain is 0 dB in every direction, so there is no need to find directions.
    @inlinable public var isOmni: Bool {  // inlined: the footprint kernel asks for every cell
        if case .omni = pattern { true } else { false }
    }

    /// Gain relative to boresight (≤ 0 dB) towards `azimuth` (° from north) and `elevation` (° above horizon).
    public func relativeGain(azimuth towards: Double, elevation: Double) -> Double {
        let offset = Self.offset(of: towards, from: azimuth)
        return relativeGain(offset: offset, cosineOfOffset: cos(offset * .pi / 180), elevation: elevation)
    }

    /// The most gain relative to boresight (≤ 0 dB) at any elevation towards `offset` degrees from boresight.
    public func largestRelativeGain(offset: Double) -> Double {
        switch pattern {
        case .omni:
            return 0
        case let .parametric(horizontal, _):
            return -min(12 * (offset / horizontal) * (offset / horizontal), Self.frontToBack)
        case .measured(let file):
            return -file.loss(horizontal: offset, belowHorizon: Double(file.vertical.indices.min { file.vertical[$0] < file.vertical[$1] }!))
        }
    }

    /// How far `azimuth` lies from `boresight` (both ° from north), degrees in (−180, 180].
    public static func offset(of azimuth: Double, from boresight: Double) -> Double {
        var offset = (azimuth - boresight).truncatingRemainder(dividingBy: 360)
        if offset > 180 { offset -= 360 } else if offset <= -180 { offset += 360 }
        return offset
    }

    /// Gain relative to boresight (≤ 0 dB) towards `offset` degrees from boresight (its cosine given, as a tilt search
    /// that turns the antenna keeps it) and `elevation` (° above horizon).
    public func relativeGain(offset: Double, cosineOfOffset: Double, elevation: Double) -> Double {
        // Angle below the antenna's own horizon: mechanical tilt turns with the azimuth offset.
        let below = -elevation - mechanicalTilt * cosineOfOffset
        switch pattern {
        case .omni:
            return 0
        case let .parametric(horizontal, vertical):
            let h = min(12 * (offset / horizontal) * (offset / horizontal), Self.frontToBack)
            let v = min(12 * ((below - electricalTilt) / vertical) * ((below - electricalTilt) / vertical), Self.verticalSideLobe)
            return -min(h + v, Self.frontToBack)
        case .measured(let file):
            return -file.loss(horizontal: offset, belowHorizon: below)
        }
    }
}
