import Foundation

/// A base-station antenna's directivity relative to its boresight gain (EIRP is given at boresight).
/// Sectors use the parabolic pattern of 3GPP TR 36.814 in the horizontal and vertical planes.
public enum AntennaPattern: Sendable, Equatable {
    case omni
    /// Boresight azimuth (° clockwise from north), horizontal −3 dB beamwidth (°), downtilt (° below horizon,
    /// positive down) and vertical −3 dB beamwidth (°).
    case sector(azimuth: Double, beamwidth: Double, downtilt: Double, verticalBeamwidth: Double)

    /// Largest attenuation of the horizontal cut and of the whole pattern, dB (front-to-back ratio).
    public static let frontToBack = 25.0
    /// Largest attenuation of the vertical cut, dB (side-lobe level).
    public static let verticalSideLobe = 20.0

    /// Gain relative to boresight (≤ 0 dB) towards `azimuth` (° from north) and `elevation` (° above horizon).
    @inlinable
    public func relativeGain(azimuth: Double, elevation: Double) -> Double {
        switch self {
        case .omni:
            return 0
        case let .sector(boresight, beamwidth, downtilt, verticalBeamwidth):
            var offset = (azimuth - boresight).truncatingRemainder(dividingBy: 360)
            if offset > 180 { offset -= 360 } else if offset < -180 { offset += 360 }
            let horizontal = min(12 * (offset / beamwidth) * (offset / beamwidth), Self.frontToBack)
            let tiltOffset = (-elevation) - downtilt
            let vertical = min(12 * (tiltOffset / verticalBeamwidth) * (tiltOffset / verticalBeamwidth), Self.verticalSideLobe)
            return -min(horizontal + vertical, Self.frontToBack)
        }
    }
}
