import Coverage
import Crypto
import Foundation
import Terrain

/// Per-site coverage kept on disk under a content hash of everything it depends on — the grid's cells and
/// georeference, the site and the DEM's ground where it stands, the model and its parameters, the engine build (`engineBuild`) — so that runs sharing
/// sites (proposals, re-runs) compute each footprint once. Entries are written atomically (a temporary file
/// renamed), so concurrent runs and a killed run never leave a partial one; an unreadable entry is recomputed.
public final class FootprintCache: @unchecked Sendable {
    public let directory: String
    private let lock = NSLock()
    private var hitCount = 0, missCount = 0

    public init(directory: String) {
        self.directory = directory
    }

    /// The folder under `root` that keeps this engine build's footprints: entries of another build can never be
    /// found again (their keys hold that build), so the other builds' folders (and entries kept directly in `root`,
    /// as before builds had folders) are removed, lest each upgrade or rebuild leave gigabytes behind. Best effort: a
    /// folder that cannot be removed only takes room.
    public static func folderOfThisBuild(under root: String) -> String {
        let name = "build-" + hex(SHA256.hash(data: Data(engineBuild.utf8))).prefix(16)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for entry in entries where entry != name && (entry.hasPrefix("build-") || entry.hasSuffix(".footprint")) {
            try? FileManager.default.removeItem(atPath: root + "/" + entry)
        }
        return root + "/" + name
    }

    /// Sites found in the cache and sites computed, so far.
    public var counts: (hits: Int, misses: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (hitCount, missCount)
    }

    /// A digest of the grid: its cells, size, spacing and georeference.
    public static func digest(of grid: TerrainGrid) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("\(grid.width)x\(grid.height) \(grid.spacing) \(grid.georeference())".utf8))
        grid.elevations.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hex(hasher.finalize())
    }

    /// The site's coverage from the cache, or computed (and stored) when absent.
    func coverage(
        of site: Site, at position: MapPoint, on grid: TerrainGrid, gridDigest: String, parameters: CoverageParameters
    ) throws(SiteCoverageError) -> SiteCoverage {
        let ground = grid.groundAtPoints[site.location].map { "\($0)" } ?? "grid"
        let key = hex(SHA256.hash(data: Data("\(engineBuild)|\(gridDigest)|\(site)|\(ground)|\(parameters)".utf8)))
        let path = directory + "/" + key + ".footprint"
        if let cached = Self.read(path, site: site) {
            count(hit: true)
            return cached
        }
        let coverage = try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: parameters)
        count(hit: false)
        write(coverage, to: path)
        return coverage
    }

    private func count(hit: Bool) {
        lock.lock()
        if hit { hitCount += 1 } else { missCount += 1 }
        lock.unlock()
    }

    /// Entry layout: a JSON header line (window, threshold, warnings), then the window's Float32 powers.
    private struct Header: Codable {
        let column, row, width, height: Int
        let threshold: Double
        let warnings: [String]
    }

    private static func read(_ path: String, site: Site) -> SiteCoverage? {
        guard let data = readFileBytes(path), let newline = data.firstIndex(of: 0x0A),
            let header = try? JSONDecoder().decode(Header.self, from: data[..<newline])
        else { return nil }
        let body = data[(newline + 1)...]
        guard body.count == header.width * header.height * MemoryLayout<Float>.size else { return nil }
        let power = body.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        return SiteCoverage(
            site: site, threshold: header.threshold, column: header.column, row: header.row, width: header.width,
            height: header.height, power: power, warnings: header.warnings
        )
    }

    /// Best effort: a cache that cannot be written only costs the next run the computation.
    private func write(_ coverage: SiteCoverage, to path: String) {
        let header = Header(
            column: coverage.column, row: coverage.row, width: coverage.width, height: coverage.height,
            threshold: coverage.threshold, warnings: coverage.warnings
        )
        guard var data = try? JSONEncoder().encode(header) else { return }
        data.append(0x0A)
        coverage.power.withUnsafeBytes { data.append(contentsOf: $0) }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// Lower-case hex of a digest.
package func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
    digest.map { String(format: "%02x", $0) }.joined()
}
