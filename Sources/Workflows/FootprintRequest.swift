import Coverage
import Terrain

/// Everything `phusong footprint` needs: inputs, output folder and model settings.
public struct FootprintRequest: Sendable {
    public var terrainPath: String
    public var sitesPath: String
    public var outputDirectory: String
    public var parameters: CoverageParameters
    /// Grid cell size in metres; nil uses the DEM's native spacing.
    public var resolution: Double?
    public var voidPolicy: VoidPolicy
    /// Also write the metric elevation grid the run used, as `terrain.tif`.
    public var writeTerrain: Bool

    public init(
        terrainPath: String, sitesPath: String, outputDirectory: String,
        parameters: CoverageParameters = CoverageParameters(), resolution: Double? = nil,
        voidPolicy: VoidPolicy = VoidPolicy(), writeTerrain: Bool = false
    ) {
        self.terrainPath = terrainPath
        self.sitesPath = sitesPath
        self.outputDirectory = outputDirectory
        self.parameters = parameters
        self.resolution = resolution
        self.voidPolicy = voidPolicy
        self.writeTerrain = writeTerrain
    }
}
