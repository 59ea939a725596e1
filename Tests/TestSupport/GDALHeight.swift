import Foundation
import Testing

/// The height of the geographic (WGS 84) DEM at `path` at a point, bilinear between its pixel centres, from GDAL's own
/// reading of the four pixels (`gdalinfo`, `gdallocationinfo`).
public func gdalHeight(_ path: String, latitude: Double, longitude: Double) throws -> Double {
    let info = try runProgram("gdalinfo", ["-json", path])
    let transform = try #require((try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])?["geoTransform"] as? [Double])
    let column = (longitude - transform[0]) / transform[1] - 0.5, row = (latitude - transform[3]) / transform[5] - 0.5
    let (left, top) = (Int(column.rounded(.down)), Int(row.rounded(.down)))
    func pixel(_ x: Int, _ y: Int) throws -> Double {
        try #require(Double(try runProgram("gdallocationinfo", ["-valonly", path, "\(x)", "\(y)"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    }
    let (across, down) = (column - Double(left), row - Double(top))
    let upper = try pixel(left, top) * (1 - across) + pixel(left + 1, top) * across
    let lower = try pixel(left, top + 1) * (1 - across) + pixel(left + 1, top + 1) * across
    return upper * (1 - down) + lower * down
}
