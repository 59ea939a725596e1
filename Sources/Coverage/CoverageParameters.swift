import Propagation

/// Run-wide settings for computing site coverage.
public struct CoverageParameters: Sendable, Equatable {
    /// Largest distance from a site that is evaluated, metres.
    public var radius: Double
    /// Receiver (handset) height above ground, metres.
    public var receiverHeight: Double
    public var earth: EarthModel
    public var thresholds: CoverageThresholds

    public init(
        radius: Double = 30_000, receiverHeight: Double = 1.5, earth: EarthModel = EarthModel(),
        thresholds: CoverageThresholds = CoverageThresholds()
    ) {
        self.radius = radius
        self.receiverHeight = receiverHeight
        self.earth = earth
        self.thresholds = thresholds
    }
}
