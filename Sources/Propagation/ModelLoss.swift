/// A link's basic transmission loss, and whether the model ran beyond the range it was validated over.
public struct ModelLoss: Sendable, Equatable {
    /// Basic transmission loss, dB.
    public let dB: Double
    /// ITM: a horizon more than 200 mrad (11.5°) above the transmitter or the receiver — NTIA's warning — where its
    /// diffraction and line-of-sight terms are extrapolated. False for the other models.
    public let beyondValidation: Bool

    public init(_ dB: Double, beyondValidation: Bool = false) {
        self.dB = dB
        self.beyondValidation = beyondValidation
    }
}

extension ITMResult {
    /// The loss, beyond validation where NTIA's reference warns of the horizon angle.
    public var modelLoss: ModelLoss { ModelLoss(loss, beyondValidation: warnings.contains(.horizonAngle)) }
}
