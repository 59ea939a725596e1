import Foundation

/// The engine build `phusong` should report, found without it: `sha256sum` of the executable and the C libraries'
/// releases as their development packages give them (`gdal-config`, `geos-config`, `pkg-config`).
public func expectedEngineBuild() throws -> String {
    func firstWord(_ tool: String, _ arguments: [String]) throws -> String {
        try runProgram(tool, arguments).stdout.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? "?"
    }
    let digest = try firstWord("sha256sum", [phusongExecutable])
    let libraries = "GDAL \(try firstWord("gdal-config", ["--version"])), GEOS \(try firstWord("geos-config", ["--version"])), "
        + "PROJ \(try firstWord("pkg-config", ["--modversion", "proj"])), Cbc \(try firstWord("pkg-config", ["--modversion", "cbc"]))"
    return "phusong 0.1.0 (executable sha256 \(digest); \(libraries))"
}
