/// How far apart an identity plan keeps sites on one identity, neighbours or not, and where their positions come from.
public struct ReuseDistance: Sendable, Equatable {
    /// The distance, metres: sites nearer than it must not share an identity.
    public var metres: Double
    /// The site list placing the plan's sites (by id).
    public var sitesPath: String

    public init(metres: Double, sitesPath: String) {
        self.metres = metres
        self.sitesPath = sitesPath
    }
}
