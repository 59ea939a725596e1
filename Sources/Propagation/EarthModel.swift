import Foundation
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

    /// The effective earth ITM derives from surface refractivity Ns (N-units) [TN101, Eq. 4.4]:
    /// curvature 157e-9 · (1 − 0.04665·e^(Ns/179.3)) per metre on an earth of curvature 157e-9 per metre,
    /// so k = 1 / (1 − 0.04665·e^(Ns/179.3)) (4/3 at Ns = 301).
    public init(surfaceRefractivity: Double) {
        self.init(kFactor: 1 / Self.curvatureFraction(surfaceRefractivity: surfaceRefractivity), radius: 1 / Self.actualCurvature)
    }

    /// The curvature of ITM's actual earth, per metre.
    static let actualCurvature = 157e-9

    /// 1/k for surface refractivity Ns: the effective earth's curvature over the actual earth's.
    @inline(__always)
    static func curvatureFraction(surfaceRefractivity: Double) -> Double {
        1 - 0.04665 * exponential(surfaceRefractivity / 179.3)
    }

    /// A flat earth: no curvature at all (k → ∞).
    public static let flat = EarthModel(kFactor: .infinity)

    /// 1 / (2kR): the drop of the surface below the tangent plane per square metre of distance (0 when flat).
    @inlinable
    public var curvature: Double { kFactor.isInfinite ? 0 : 1 / (2 * kFactor * radius) }

    /// How far the surface at `distance` metres falls below the observer's tangent plane: d² / (2kR).
    @inlinable
    public func drop(atDistance distance: Double) -> Double {
        curvature * distance * distance
    }

    /// The curvature coefficient `gdal_viewshed -cc` expects for the same model: 1/k.
    public var viewshedCurvatureCoefficient: Double { 1 / kFactor }
}
