import Terrain

/// A spherical Earth with atmospheric refraction folded into an effective radius k·R.
public struct EarthModel: Sendable, Equatable {
    /// Effective earth radius factor k (4/3 in a standard atmosphere; `.infinity` for a flat earth).
    public var kFactor: Double
    /// True Earth radius in metres.
    public var radius: Double

    public init(kFactor: Double = 4.0 / 3.0, radius: Double = meanEarthRadius) {
        self.kFactor = kFactor
        self.radius = radius
    }

    /// A flat earth: no curvature at all (k → ∞).
    public static let flat = EarthModel(kFactor: .infinity)

    /// How far the surface at `distance` metres falls below the observer's tangent plane: d² / (2kR).
    @inlinable
    public func drop(atDistance distance: Double) -> Double {
        kFactor.isInfinite ? 0 : distance * distance / (2 * kFactor * radius)
    }

    /// The curvature coefficient `gdal_viewshed -cc` expects for the same model: 1/k.
    public var viewshedCurvatureCoefficient: Double { 1 / kFactor }
}
