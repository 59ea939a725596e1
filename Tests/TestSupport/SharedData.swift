import Foundation
import Testing

/// The real public data in `../shared/data` beside the repository (absent in a clone elsewhere).
public enum SharedData {
    /// The package root, found from this file's location.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/data` from the package root.
    public static let folder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data").path

    public static var isAvailable: Bool { FileManager.default.fileExists(atPath: folder + "/README.md") }

    /// Why a real-data test is skipped.
    public static let absence: Comment = "needs the real data folder \(folder) (../shared/data); absent here"

    /// Absolute path of a file under `../shared/data`.
    public static func path(_ relative: String) -> String { folder + "/" + relative }
}


/// Inputs made for the tests, in the repository's `Fixtures/` folder.
public enum Fixtures {
    public static func path(_ relative: String) -> String {
        SharedData.packageRoot.appendingPathComponent("Fixtures/" + relative).path
    }
}

/// Python peers installed by `make peers` into `.venv` at the package root.
public enum PythonPeers {
    public static let python = SharedData.packageRoot.appendingPathComponent(".venv/bin/python").path
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: python) }
    public static let absence: Comment = "needs the Python peers in .venv (run 'make peers' or 'make test')"

    /// A peer script in `Tests/Peers/`.
    public static func script(_ name: String) -> String {
        SharedData.packageRoot.appendingPathComponent("Tests/Peers/" + name).path
    }
}

/// Writes `sites.csv` into `folder`: twelve 2G sites about 2 km apart in a 4 × 3 grid on N44W072; returns its path.
public func writeSitesGrid(into folder: String) throws -> String {
    var lines = ["id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology"]
    for index in 0..<12 {
        lines.append("S\(index),\(44.40 + 0.018 * Double(index / 4)),\(-71.50 + 0.025 * Double(index % 4)),30,900,60,2G")
    }
    let path = folder + "/sites.csv"
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// Writes `claim.json` into `folder`: a line-of-sight claim (90 m cells) on the Bát Xát DEM and the Lào Cai communes
/// that `sites` (relative to `folder`) cover `percent` % of the province, within `tolerance` points.
public func writeBatXatClaim(into folder: String, sites: String, radiusKm: Double, maxVoidFraction: Double, percent: Double, tolerance: Double) throws {
    let terrain = SharedData.path("terrain/batxat_copernicus_glo30.tif")
    let population = SharedData.path("population/laocai_communes_census2009.geojson")
    try """
        {"scenario": {"terrain": "\(terrain)", "sites": "\(sites)", "population": "\(population)", "model": "los",
          "radius_km": \(radiusKm), "resolution_m": 90, "max_void_fraction": \(maxVoidFraction)},
         "claimed": {"province": {"any": \(percent)}}, "tolerance_pp": \(tolerance)}
        """.write(toFile: folder + "/claim.json", atomically: true, encoding: .utf8)
}

/// How many times longer than usual time-budgeted work is given in this build: 10 under the sanitizers
/// (`make test-sanitize` defines SANITIZED; ThreadSanitizer runs the suite some 4–20 times slower), else 1.
public var sanitizerSlowdown: Double {
    #if SANITIZED
        10
    #else
        1
    #endif
}

/// Writes the Lào Cai census communes into `folder` as `communes.geojson`, each with a property `name` whose value
/// `value` gives from its properties (a priority weight, say); returns the path.
public func writeLaoCaiCommunes(into folder: String, adding name: String, _ value: ([String: Any]) -> Int) throws -> String {
    let source = SharedData.path("population/laocai_communes_census2009.geojson")
    var collection = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: source))) as? [String: Any])
    let features = try #require(collection["features"] as? [[String: Any]])
    collection["features"] = features.map { feature in
        var feature = feature, properties = feature["properties"] as? [String: Any] ?? [:]
        properties[name] = value(properties)
        feature["properties"] = properties
        return feature
    }
    let path = folder + "/communes.geojson"
    try JSONSerialization.data(withJSONObject: collection).write(to: URL(fileURLWithPath: path))
    return path
}
