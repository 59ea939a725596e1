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
        let link = try ITMLink(heights: (transmitterHeight, receiverHeight), frequencyMHz: frequencyMHz, environment: environment)
        guard profile.elevations.count >= 2, profile.step > 0 else { throw ITMError(message: "profile needs at least two points") }
        let terrain = ITMProfileTerrain(elevations: profile.elevations, step: profile.step)
        let medium = link.medium(systemHeight: terrain.systemHeight())
        var workspace = DeltaHWorkspace()
        let geometry = ITMProfileAnalysis.geometry(
            of: terrain, heights: link.heights, earthRadius: medium.earthRadius, workspace: &workspace
        )
        return try link.predict(geometry: geometry, medium: medium, pointToPoint: true)
    }

    /// Area prediction for a path of `distance` metres over terrain of irregularity `deltaH` metres.
    public static func area(
        distance: Double, deltaH: Double, transmitterHeight: Double, receiverHeight: Double,
        siting: (SitingCriteria, SitingCriteria), frequencyMHz: Double, environment: ITMEnvironment
    ) throws(ITMError) -> ITMResult {
        let link = try ITMLink(heights: (transmitterHeight, receiverHeight), frequencyMHz: frequencyMHz, environment: environment)
        return try link.area(distance: distance, deltaH: deltaH, siting: siting)
    }
}

/// One transmitter–receiver configuration (heights, frequency, environment) checked once and shared by
/// any number of paths: the footprint kernel evaluates thousands of paths per radial with it.
struct ITMLink {
    let heights: (Double, Double)
    let frequencyMHz: Double
    /// Warnings raised by the inputs themselves.
    let inputWarnings: ITMWarnings
    private let ground: ITMGround
    private let refractivity: Double
    private let variability: ITMVariability
    /// What depends on the frequency alone, and free-space loss at 1 km (32.45 + 20 log f).
    private let frequency: ITMFrequency
    private let freeSpaceAt1km: Double

    init(heights: (Double, Double), frequencyMHz: Double, environment: ITMEnvironment) throws(ITMError) {
        inputWarnings = try environment.validate(heights: heights, frequencyMHz: frequencyMHz)
        self.heights = heights
        self.frequencyMHz = frequencyMHz
        refractivity = environment.refractivity
        frequency = ITMFrequency(megahertz: frequencyMHz)
        ground = ITMGround(environment: environment, frequency: frequency)
        variability = ITMVariability(environment: environment, frequency: frequency)
        freeSpaceAt1km = 32.45 + 20 * decimalLog(frequencyMHz)
    }

    /// Surface refractivity, effective earth and diffraction scale for a path whose system height is `systemHeight` metres
    /// (0: sea-level refractivity, as area mode uses).
    func medium(systemHeight: Double) -> ITMMedium {
        let surface = systemHeight == 0 ? refractivity : refractivity * exponential(-systemHeight / 9_460)  // [TN101, Eq 4.3]
        return ITMMedium(surfaceRefractivity: surface, frequencyMHz: frequencyMHz)
    }

    /// Area prediction for a path of `distance` metres over terrain of irregularity `deltaH` metres.
    func area(distance: Double, deltaH: Double, siting: (SitingCriteria, SitingCriteria)) throws(ITMError) -> ITMResult {
        guard distance > 0 else { throw ITMError(message: "path distance must be positive") }
        guard deltaH >= 0 else { throw ITMError(message: "terrain irregularity Δh must not be negative") }
        let medium = medium(systemHeight: 0)
        let earthRadius = medium.earthRadius
        let effective = (Self.effectiveHeight(heights.0, siting.0, deltaH), Self.effectiveHeight(heights.1, siting.1, deltaH))
        let horizons = (ITMProfileAnalysis.smoothHorizon(effective.0, earthRadius, deltaH),
                        ITMProfileAnalysis.smoothHorizon(effective.1, earthRadius, deltaH))
        let geometry = ITMPathGeometry(
            horizonAngles: (ITMProfileAnalysis.smoothHorizonAngle(effective.0, horizons.0, earthRadius, deltaH),
                            ITMProfileAnalysis.smoothHorizonAngle(effective.1, horizons.1, earthRadius, deltaH)),
            horizonDistances: horizons, effectiveHeights: effective, deltaH: deltaH, distance: distance
        )
        return try predict(geometry: geometry, medium: medium, pointToPoint: false)
    }

    /// Effective height of a terminal sited with care on terrain of irregularity Δh [Algorithm, Eqn 3.2].
    private static func effectiveHeight(_ height: Double, _ siting: SitingCriteria, _ deltaH: Double) -> Double {
        guard siting != .random else { return height }
        var boost = siting == .careful ? 4.0 : 9.0
        if height < 5 { boost *= sin(0.1 * Double.pi * height) }
        return height + (1 + boost) * exponential(-min(20, 2 * height / max(1e-3, deltaH)))
    }

    /// Loss of a path of known geometry in a known medium.
    func predict(geometry: ITMPathGeometry, medium: ITMMedium, pointToPoint: Bool) throws(ITMError) -> ITMResult {
        let reference = try ITMReferenceAttenuation(
            geometry: geometry, heights: heights, frequency: frequency,
            ground: ground, medium: medium, pointToPoint: pointToPoint
        ).compute()
        let belowFreeSpace = variability.attenuation(
            reference: reference.attenuation, effectiveHeights: geometry.effectiveHeights, deltaH: geometry.deltaH,
            distance: geometry.distance
        )
        let freeSpace = freeSpaceAt1km + 20 * decimalLog(geometry.distance / 1_000)
        return ITMResult(
            loss: freeSpace + belowFreeSpace, freeSpaceLoss: freeSpace, referenceAttenuation: reference.attenuation,
            mode: reference.mode, geometry: geometry, surfaceRefractivity: medium.surfaceRefractivity,
            warnings: inputWarnings.union(reference.warnings).union(variability.warnings)
        )
    }
}

/// What ITM derives from the frequency alone, found once per link.
struct ITMFrequency {
    let megahertz: Double
    /// ∛f (Vogler's smooth-earth diffraction) and ln f (where troposcatter may take over).
    let cubeRoot: Double
    let logarithm: Double
    /// Wave number k = f / 47.7 MHz·m, per metre.
    let wavenumber: Double

    init(megahertz: Double) {
        self.megahertz = megahertz
        cubeRoot = cbrt(megahertz)
        logarithm = log(megahertz)
        wavenumber = megahertz / 47.7
    }
}

/// The ground's electrical constants as ITM reads them, found once per link.
struct ITMGround {
    /// Complex surface impedance Z of the ground for the link's polarisation.
    let impedance: Complex<Double>
    /// Vogler's ground parameter K of a smooth-earth arc is this times the arc's c₀: 0.017778 / (∛f·|Z|).
    let voglerFactor: Double

    init(environment: ITMEnvironment, frequency: ITMFrequency) {
        let permittivity = Complex(environment.permittivity, 18_000 * environment.conductivity / frequency.megahertz)
        let horizontal = Complex.sqrt(permittivity - Complex(1, 0))
        impedance = environment.polarization == .vertical ? horizontal / permittivity : horizontal
        voglerFactor = 0.017778 / (frequency.cubeRoot * impedance.length)
    }
}

/// The atmosphere of one path: surface refractivity (N-units) and the effective earth it makes.
struct ITMMedium {
    let surfaceRefractivity: Double
    /// Effective earth curvature (1/m) and radius (m).
    let curvature: Double
    let earthRadius: Double
    /// (a²/f)^⅓ (m, f in MHz): the distance scale on which the diffraction line is drawn.
    let diffractionScale: Double

    init(surfaceRefractivity: Double, frequencyMHz: Double) {
        self.surfaceRefractivity = surfaceRefractivity
        curvature = EarthModel.actualCurvature * EarthModel.curvatureFraction(surfaceRefractivity: surfaceRefractivity)
        earthRadius = 1 / curvature
        diffractionScale = cubeRoot(earthRadius * earthRadius / frequencyMHz)
    }

    /// A medium whose values were found elsewhere (`ITMMediumTable`).
    init(surfaceRefractivity: Double, curvature: Double, earthRadius: Double, diffractionScale: Double) {
        self.surfaceRefractivity = surfaceRefractivity
        self.curvature = curvature
        self.earthRadius = earthRadius
        self.diffractionScale = diffractionScale
    }
}
