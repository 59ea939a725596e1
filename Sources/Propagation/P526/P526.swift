import Foundation
import Terrain

/// ITU-R P.526 path loss: free-space loss over the slant path plus delta-Bullington terrain diffraction.
public enum P526 {
    public struct Result: Sendable, Equatable {
        public let loss: Double
        public let freeSpaceLoss: Double
        public let diffraction: DeltaBullington
    }

    public static func pathLoss(
        profile: TerrainProfile, heights: (Double, Double), frequencyMHz: Double, earth: EarthModel,
        polarization: Polarization, permittivity: Double, conductivity: Double
    ) -> Result {
        let rise = (profile.elevations[profile.elevations.count - 1] + heights.1) - (profile.elevations[0] + heights.0)
        let slant = (profile.length * profile.length + rise * rise).squareRoot()
        let freeSpace = freeSpaceLoss(distance: slant, frequencyMHz: frequencyMHz)
        let diffraction = DeltaBullington(
            profile: profile, heights: heights, frequencyMHz: frequencyMHz, earth: earth, polarization: polarization,
            permittivity: permittivity, conductivity: conductivity
        )
        return Result(loss: freeSpace + diffraction.loss, freeSpaceLoss: freeSpace, diffraction: diffraction)
    }
}
