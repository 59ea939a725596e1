import Propagation

/// Run-wide settings for computing site coverage.
public struct CoverageParameters: Sendable, Equatable {
    /// Largest distance from a site that is evaluated, metres.
    public var radius: Double
    /// Receiver (handset) height above ground, metres.
    public var receiverHeight: Double
    public var earth: EarthModel
    public var thresholds: CoverageThresholds
    /// The path-loss model evaluated for every cell.
    public var model: PathLossModel
    public var environment: RadioEnvironment

    public init(
        radius: Double = 30_000, receiverHeight: Double = 1.5, earth: EarthModel = EarthModel(),
        thresholds: CoverageThresholds = CoverageThresholds(), model: PathLossModel = .los,
        environment: RadioEnvironment = RadioEnvironment()
    ) {
        self.radius = radius
        self.receiverHeight = receiverHeight
        self.earth = earth
        self.thresholds = thresholds
        self.model = model
        self.environment = environment
    }
}
