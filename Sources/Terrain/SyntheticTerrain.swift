import Foundation

/// GDAL metadata item that labels a raster as synthetic terrain (value `YES`).
public let syntheticMetadataKey = "PHUSONG_SYNTHETIC"

/// A deterministic synthetic elevation model for demos and tests: NE–SW ridges, rolling hills and
/// meandering valleys, rescaled to span exactly 150–1,900 m like Cao Bằng's relief. Not real terrain.
public struct SyntheticTerrain: Sendable {
    public var seed: UInt64
    /// West, south, east and north edges in degrees (WGS84).
    public var bounds: MapBounds
    /// Pixel size in arc-seconds.
    public var arcSeconds: Double
    public var lowest: Float = 150
    public var highest: Float = 1_900

    /// The default demo area: 0.5° × 0.4° around Cao Bằng city at 3″.
    public init(
        seed: UInt64 = 2_026,
        bounds: MapBounds = MapBounds(minX: 105.95, minY: 22.45, maxX: 106.45, maxY: 22.85),
        arcSeconds: Double = 3
    ) {
        self.seed = seed
        self.bounds = bounds
        self.arcSeconds = arcSeconds
    }

    /// The north–south pixel size in metres: the metric grid's default cell size.
    public var cellSizeM: Double { arcSeconds / 3_600 * Double.pi / 180 * meanEarthRadius }

    /// Generates the raster in EPSG:4326; the same seed always gives the same elevations.
    public func generate() -> ElevationRaster {
        let pixel = arcSeconds / 3_600
        let width = Int(((bounds.maxX - bounds.minX) / pixel).rounded())
        let height = Int(((bounds.maxY - bounds.minY) / pixel).rounded())
        let kmPerDegree = Double.pi / 180 * meanEarthRadius / 1_000
        let lonScale = kmPerDegree * cos((bounds.minY + bounds.maxY) / 2 * Double.pi / 180)
        var raw = [Float](repeating: 0, count: width * height)
        for row in 0..<height {
            for column in 0..<width {
                let east = (Double(column) + 0.5) * pixel * lonScale
                let north = (Double(height - row) - 0.5) * pixel * kmPerDegree
                raw[row * width + column] = Float(shape(east: east, north: north))
            }
        }
        let frame = RasterFrame(
            width: width, height: height, cornerX: bounds.minX, cornerY: bounds.maxY,
            pixelWidth: pixel, pixelHeight: pixel, crsWKT: wktForEPSG(4326) ?? wgs84
        )
        return ElevationRaster(frame: frame, values: rescaled(raw))
    }

    /// Unscaled relief at a point `east`, `north` kilometres from the south-west corner.
    private func shape(east: Double, north: Double) -> Double {
        // Ridges run NE–SW: stretch the noise across that direction.
        let along = (east + north) / 2.squareRoot(), across = (north - east) / 2.squareRoot()
        let ridges = fractal(along / 14, across / 5, octaves: 4, salt: 1) { 1 - abs(2 * $0 - 1) }
        let hills = fractal(east / 6, north / 6, octaves: 5, salt: 2) { $0 }
        var relief = 0.65 * ridges * ridges + 0.35 * hills
        for valley in 0..<3 {
            let phase = unitHash(valley, 0, 0, salt: 3) * 2 * Double.pi
            let centre = 8 + Double(valley) * 14 + 3 * sin(east / 7 + phase)
            let distance = abs(north - centre)
            relief *= 0.25 + 0.75 * smoothstep(distance / 3.5)
        }
        return relief
    }

    private func fractal(
        _ x: Double, _ y: Double, octaves: Int, salt: Int, transform: (Double) -> Double
    ) -> Double {
        var sum = 0.0, amplitude = 1.0, frequency = 1.0, norm = 0.0
        for octave in 0..<octaves {
            sum += amplitude * transform(valueNoise(x * frequency, y * frequency, salt: salt &* 31 &+ octave))
            norm += amplitude
            amplitude *= 0.5
            frequency *= 2
        }
        return sum / norm
    }

    private func valueNoise(_ x: Double, _ y: Double, salt: Int) -> Double {
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
        let fx = smoothstep(x - Double(x0)), fy = smoothstep(y - Double(y0))
        let a = unitHash(x0, y0, 0, salt: salt), b = unitHash(x0 + 1, y0, 0, salt: salt)
        let c = unitHash(x0, y0 + 1, 0, salt: salt), d = unitHash(x0 + 1, y0 + 1, 0, salt: salt)
        return (a + (b - a) * fx) + ((c + (d - c) * fx) - (a + (b - a) * fx)) * fy
    }

    /// A uniform value in [0, 1) from integer coordinates and the seed (SplitMix64 finaliser).
    private func unitHash(_ i: Int, _ j: Int, _ k: Int, salt: Int) -> Double {
        var z = seed &+ UInt64(bitPattern: Int64(i)) &* 0x9E37_79B9_7F4A_7C15
        z ^= UInt64(bitPattern: Int64(j)) &* 0xC2B2_AE3D_27D4_EB4F
        z ^= UInt64(bitPattern: Int64(k &+ salt &* 7_919)) &* 0x1656_67B1_9E37_79F9
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }

    private func smoothstep(_ t: Double) -> Double {
        let clamped = min(max(t, 0), 1)
        return clamped * clamped * (3 - 2 * clamped)
    }

    private func rescaled(_ raw: [Float]) -> [Float] {
        guard let low = raw.min(), let high = raw.max(), high > low else { return raw.map { _ in lowest } }
        let scale = (highest - lowest) / (high - low)
        return raw.map { value in
            value == high ? highest : min(highest, lowest + (value - low) * scale)
        }
    }
}
