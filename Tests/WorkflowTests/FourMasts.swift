import Foundation

/// The site list of four masts of three sectors (0°, 120°, 240°, 30 m) 4–5 km apart on N44W072, ids
/// `PREFIX<mast>-<sector>`, with `columns` after the common ones, their values per mast from `values`: its header and
/// rows, written to `path`.
@discardableResult
func writeFourMasts(
    to path: String, prefix: String, technology: String, eirpDBm: Int, columns: [String] = [], values: (_ mast: Int) -> [String] = { _ in [] }
) throws -> (header: String, rows: [String]) {
    let header = (["id", "lat", "lon", "height_m", "eirp_dbm", "technology", "azimuth_deg"] + columns).joined(separator: ",")
    let rows = (0..<12).map { index in
        let mast = index / 3
        let common = [
            "\(prefix)\(mast)-\(index % 3 + 1)", "\(44.43 + 0.04 * Double(mast / 2))", "\(-71.48 + 0.05 * Double(mast % 2))", "30", "\(eirpDBm)",
            technology, "\(120 * (index % 3))",
        ]
        return (common + values(mast)).joined(separator: ",")
    }
    try ([header] + rows).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return (header, rows)
}
