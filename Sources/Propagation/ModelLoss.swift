/// A link's basic transmission loss, and whether the model ran beyond the range it was validated over.
public struct ModelLoss: Sendable, Equatable {
    /// Basic transmission loss, dB.
    public let dB: Double
    /// ITM: a horizon more than 200 mrad (11.5°) above the transmitter or the receiver — NTIA's warning — where its
    /// diffraction and line-of-sight terms are extrapolated. False for the other models.
    public let beyondValidation: Bool
    /// The elevation at which the path reaches the receiver, degrees above the horizontal, where the model finds it on
    /// the terrain: ITM point to point's horizon at the receiver (the transmitting antenna's direction in line of sight,
    /// the ridge's behind one), P.526's likewise from Bullington's slopes. nil for the other models, whose path arrives
    /// along the straight line.
    public let arrivalElevationDegrees: Double?

    public init(_ dB: Double, beyondValidation: Bool = false, arrivalElevationDegrees: Double? = nil) {
        self.dB = dB
        self.beyondValidation = beyondValidation
        self.arrivalElevationDegrees = arrivalElevationDegrees
    }
}

extension ITMResult {
    /// The loss, beyond validation where NTIA's reference warns of the horizon angle, and (point to point) the path's
    /// arrival at the receiver.
    public var modelLoss: ModelLoss {
        ModelLoss(
            loss, beyondValidation: warnings.contains(.horizonAngle),
            arrivalElevationDegrees: geometry.arrivalAngle.map { $0 * 180 / .pi }
        )
    }
}
