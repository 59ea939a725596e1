import Foundation
import Terrain

/// A plan's candidate CSV that found candidates are appended to: its text as it is, then a row per candidate under
/// its own columns (those PhuSong does not set left empty).
struct ExistingCandidates {
    let path: String?
    let text: String
    let columns: [String]
    let ids: Set<String>

    /// The columns of a candidate file of found candidates alone.
    static let standalone = ExistingCandidates(
        path: nil, text: "",
        columns: [
            "id", "lat", "lon", "height_m", "technology", "frequency_mhz", "eirp_dbm", "antenna_gain_dbi", "cost", "kind", "elevation_m",
            "weighted_residents_in_reach",
        ],
        ids: []
    )

    /// Every column a found candidate needs a place in.
    private static let required = ["id", "height_m", "technology", "eirp_dbm", "cost"]

    private init(path: String?, text: String, columns: [String], ids: Set<String>) {
        self.path = path
        self.text = text
        self.columns = columns
        self.ids = ids
    }

    /// Reads `path`: a comma-separated candidate file with the columns a candidate needs.
    init(path: String) throws(InputError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw InputError(path: path, reason: "cannot read the existing candidates: \(error.localizedDescription)")
        }
        let lines = text.split(whereSeparator: \.isNewline)
        guard let header = lines.first, header.contains(",") else {
            throw InputError(path: path, reason: "not a comma-separated CSV with a header: found candidates are appended to such a file")
        }
        let columns = header.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        let missing = Self.required.filter { !columns.contains($0) }
            + (Self.column(in: columns, among: ["lat", "latitude"]) == nil ? ["lat"] : [])
            + (Self.column(in: columns, among: ["lon", "longitude", "long", "lng"]) == nil ? ["lon"] : [])
        guard missing.isEmpty else {
            throw InputError(path: path, reason: "found candidates need the columns \(missing.joined(separator: ", ")) (the file has \(columns.joined(separator: ", ")))")
        }
        let idColumn = columns.firstIndex(of: "id")!
        let ids = lines.dropFirst().compactMap { line -> String? in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return fields.count > idColumn ? fields[idColumn].trimmingCharacters(in: .whitespaces) : nil
        }
        self.init(path: path, text: text.hasSuffix("\n") || text.isEmpty ? text : text + "\n", columns: columns, ids: Set(ids))
    }

    private static func column(in columns: [String], among names: [String]) -> String? {
        names.first { columns.contains($0) }
    }

    /// The file's text with a row per candidate, or the standalone header and rows.
    func appending(_ found: [FoundCandidate], request: CandidateSearchRequest) throws(InputError) -> String {
        if let clash = found.first(where: { ids.contains($0.id) }) {
            throw InputError(path: path ?? request.outputPath, reason: "already has a candidate '\(clash.id)', the id a found candidate takes")
        }
        if request.frequencyMHz != nil, !columns.contains("frequency_mhz") {
            throw InputError(path: path ?? request.outputPath, reason: "--frequency-mhz needs a frequency_mhz column")
        }
        if request.antennaGainDBi != nil, !columns.contains("antenna_gain_dbi") {
            throw InputError(path: path ?? request.outputPath, reason: "--antenna-gain-dbi needs an antenna_gain_dbi column")
        }
        let latitude = Self.column(in: columns, among: ["lat", "latitude"]), longitude = Self.column(in: columns, among: ["lon", "longitude", "long", "lng"])
        let rows = found.map { candidate in
            let values: [String: String] = [
                "id": candidate.id, latitude ?? "lat": String(format: "%.6f", candidate.location.latitude),
                longitude ?? "lon": String(format: "%.6f", candidate.location.longitude),
                "height_m": "\(request.heightM)", "technology": request.technology.rawValue,
                "frequency_mhz": request.frequencyMHz.map { "\($0)" } ?? "", "eirp_dbm": "\(request.eirpDBm)",
                "antenna_gain_dbi": request.antennaGainDBi.map { "\($0)" } ?? "",
                "cost": "\(request.cost)", "kind": "greenfield", "elevation_m": String(format: "%.1f", candidate.elevationM),
                "weighted_residents_in_reach": String(format: "%.0f", candidate.weightedResidentsInReach),
            ]
            return columns.map { values[$0] ?? "" }.joined(separator: ",")
        }
        let header = path == nil ? [columns.joined(separator: ",")] : []
        return text + (header + rows).map { $0 + "\n" }.joined()
    }
}
