import Propagation

/// Which downtilt of a sector's antenna the tilt search turns: the electrical tilt of a parametric pattern (a remote
/// electrical tilt, as operators turn it from the network), or the mechanical tilt of a pattern file, whose vertical cut
/// holds its electrical tilt already.
public enum TiltAdjustment: String, Sendable, Codable {
    case electrical, mechanical

    /// The adjustment `antenna` takes; nil for an omnidirectional antenna, which has no tilt to turn.
    public init?(for antenna: Antenna) {
        switch antenna.pattern {
        case .omni: return nil
        case .parametric: self = .electrical
        case .measured: self = .mechanical
        }
    }

    /// The tilt of `antenna` this adjustment turns, degrees.
    public func tilt(of antenna: Antenna) -> Double {
        self == .electrical ? antenna.electricalTilt : antenna.mechanicalTilt
    }

    /// `antenna` turned to `tilt` degrees.
    public func antenna(_ antenna: Antenna, tiltedTo tilt: Double) -> Antenna {
        var tilted = antenna
        if self == .electrical { tilted.electricalTilt = tilt } else { tilted.mechanicalTilt = tilt }
        return tilted
    }
}
