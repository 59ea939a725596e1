import Foundation

/// Writes an ESRI ASCII grid to `path` (GDAL reads it as any raster): `size` × `size` cells of `cellSize` degrees from
/// the south-west corner (`west`, `south`), every cell `value`; with `withCRS`, a `.prj` beside it declares WGS 84.
public func writeASCIIGrid(
    _ path: String, size: Int, west: Double, south: Double, cellSize: Double, value: String, withCRS: Bool
) throws {
    let rows = Array(repeating: Array(repeating: value, count: size).joined(separator: " "), count: size)
    try (["ncols \(size)", "nrows \(size)", "xllcorner \(west)", "yllcorner \(south)", "cellsize \(cellSize)", "NODATA_value -9999"] + rows)
        .joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    if withCRS {
        try #"GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]"#
            .write(toFile: (path as NSString).deletingPathExtension + ".prj", atomically: true, encoding: .utf8)
    }
}

/// A level plain at 200 m around Cao Bằng, 22.4–22.8° N, 106.0–106.4° E in 0.01° cells, written as `plain.asc` (with
/// its `.prj`) into `folder`; returns its path.
public func writeLevelPlain(in folder: String) throws -> String {
    let path = folder + "/plain.asc"
    try writeASCIIGrid(path, size: 40, west: 106.0, south: 22.4, cellSize: 0.01, value: "200", withCRS: true)
    return path
}
