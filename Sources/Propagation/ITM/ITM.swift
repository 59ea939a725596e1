import ComplexModule
import Foundation
import Terrain

/// An ITM prediction with the model's intermediate values.
public struct ITMResult: Sendable, Equatable {
    /// Basic transmission loss, dB.
    public let loss: Double
    /// Free-space loss over the path, dB (ITM's own formula, 32.45 + 20 log f + 20 log d).
    public let freeSpaceLoss: Double
    /// Median attenuation relative to free space before variability, dB.
    public let referenceAttenuation: Double
    public let mode: ITMPropagationMode
    public let geometry: ITMPathGeometry
    /// Surface refractivity at the path's height, N-units.
    public let surfaceRefractivity: Double
    public let warnings: ITMWarnings
}

/// The Longley-Rice Irregular Terrain Model, as in the NTIA ITM 1.4 reference.
public enum ITM {
    /// Point-to-point prediction over a terrain profile (PFL form: equal steps, both ends included) with
    /// transmitter and receiver structural heights above ground.
    public static func pointToPoint(
        profile: TerrainProfile, transmitterHeight: Double, receiverHeight: Double, frequencyMHz: Double,
        environment: ITMEnvironment
    ) throws(ITMError) -> ITMResult {
        let heights = (transmitterHeight, receiverHeight)
        var warnings = try environment.validate(heights: heights, frequencyMHz: frequencyMHz)
        let intervals = profile.elevations.count - 1
        guard intervals >= 1, profile.step > 0 else { throw ITMError(message: "profile needs at least two points") }
        // System height: mean elevation without the first and last 10 % of the path.
        let p10 = Int(0.1 * Double(intervals))
        let middle = profile.elevations[p10...(intervals - p10)]
        let systemHeight = middle.reduce(0, +) / Double(intervals - 2 * p10 + 1)
        let medium = Medium(environment: environment, frequencyMHz: frequencyMHz, systemHeight: systemHeight)
        let geometry = ITMProfileAnalysis.geometry(of: profile, heights: heights, gammaE: medium.curvature)
        return try predict(
            geometry: geometry, heights: heights, frequencyMHz: frequencyMHz, medium: medium, environment: environment,
            pointToPoint: true, warnings: &warnings
        )
    }

    /// Area prediction for a path of `distance` metres over terrain of irregularity `deltaH` metres.
    public static func area(
        distance: Double, deltaH: Double, transmitterHeight: Double, receiverHeight: Double,
        siting: (SitingCriteria, SitingCriteria), frequencyMHz: Double, environment: ITMEnvironment
    ) throws(ITMError) -> ITMResult {
        let heights = (transmitterHeight, receiverHeight)
        var warnings = try environment.validate(heights: heights, frequencyMHz: frequencyMHz)
        guard distance > 0 else { throw ITMError(message: "path distance must be positive") }
        guard deltaH >= 0 else { throw ITMError(message: "terrain irregularity Δh must not be negative") }
        let medium = Medium(environment: environment, frequencyMHz: frequencyMHz, systemHeight: 0)
        let earthRadius = 1 / medium.curvature
        let effective = (effectiveHeight(heights.0, siting.0, deltaH), effectiveHeight(heights.1, siting.1, deltaH))
        let horizons = (ITMProfileAnalysis.smoothHorizon(effective.0, earthRadius, deltaH),
                        ITMProfileAnalysis.smoothHorizon(effective.1, earthRadius, deltaH))
        let geometry = ITMPathGeometry(
            horizonAngles: (ITMProfileAnalysis.smoothHorizonAngle(effective.0, horizons.0, earthRadius, deltaH),
                            ITMProfileAnalysis.smoothHorizonAngle(effective.1, horizons.1, earthRadius, deltaH)),
            horizonDistances: horizons, effectiveHeights: effective, deltaH: deltaH, distance: distance
        )
        return try predict(
            geometry: geometry, heights: heights, frequencyMHz: frequencyMHz, medium: medium, environment: environment,
            pointToPoint: false, warnings: &warnings
        )
    }

    /// Effective height of a terminal sited with care on terrain of irregularity Δh [Algorithm, Eqn 3.2].
    private static func effectiveHeight(_ height: Double, _ siting: SitingCriteria, _ deltaH: Double) -> Double {
        guard siting != .random else { return height }
        var boost = siting == .careful ? 4.0 : 9.0
        if height < 5 { boost *= sin(0.1 * Double.pi * height) }
        return height + (1 + boost) * exp(-min(20, 2 * height / max(1e-3, deltaH)))
    }

    private static func predict(
        geometry: ITMPathGeometry, heights: (Double, Double), frequencyMHz: Double, medium: Medium,
        environment: ITMEnvironment, pointToPoint: Bool, warnings: inout ITMWarnings
    ) throws(ITMError) -> ITMResult {
        let reference = try ITMReferenceAttenuation(
            geometry: geometry, heights: heights, frequencyMHz: frequencyMHz,
            groundImpedance: medium.groundImpedance, earthRadius: 1 / medium.curvature,
            surfaceRefractivity: medium.surfaceRefractivity, pointToPoint: pointToPoint
        ).compute()
        warnings.formUnion(reference.warnings)
        let variability = ITMVariability(
            environment: environment, frequencyMHz: frequencyMHz, effectiveHeights: geometry.effectiveHeights,
            deltaH: geometry.deltaH,
            distance: geometry.distance
        ).attenuation(reference: reference.attenuation)
        warnings.formUnion(variability.1)
        let freeSpace = 32.45 + 20 * log10(frequencyMHz) + 20 * log10(geometry.distance / 1_000)
        return ITMResult(
            loss: freeSpace + variability.0, freeSpaceLoss: freeSpace, referenceAttenuation: reference.attenuation,
            mode: reference.mode, geometry: geometry, surfaceRefractivity: medium.surfaceRefractivity, warnings: warnings
        )
    }
}

/// Atmosphere and ground of a prediction: surface refractivity, effective earth curvature, ground impedance.
private struct Medium {
    let surfaceRefractivity: Double
    let curvature: Double
    let groundImpedance: Complex<Double>

    init(environment: ITMEnvironment, frequencyMHz: Double, systemHeight: Double) {
        surfaceRefractivity = systemHeight == 0
            ? environment.refractivity : environment.refractivity * exp(-systemHeight / 9_460)  // [TN101, Eq 4.3]
        curvature = 157e-9 * (1 - 0.04665 * exp(surfaceRefractivity / 179.3))  // [TN101, Eq 4.4]
        let permittivity = Complex(environment.permittivity, 18_000 * environment.conductivity / frequencyMHz)
        let horizontal = Complex.sqrt(permittivity - Complex(1, 0))
        groundImpedance = environment.polarization == .vertical ? horizontal / permittivity : horizontal
    }
}
