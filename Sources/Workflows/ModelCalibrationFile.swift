import Coverage
import Propagation
import Terrain

extension ModelCalibration {
    /// The columns a calibration file needs; `slope_db_per_decade` (0 without), `from_km` and `to_km` (needed with a
    /// slope) may follow, and any others are ignored (`drive-test` adds its fit's points and errors).
    static let requiredColumns = ["model", "technology", "offset_db"]

    /// Reads a calibration CSV (as `phusong drive-test` writes `calibration.csv`) for a run of `model`: a file fitted
    /// for another model is refused, as are offsets or slopes beyond ±40 dB, a slope without its distances and a
    /// technology listed twice.
    public static func load(_ path: String, for model: PathLossModel) throws(InputError) -> ModelCalibration {
        let csv = CSV(try readTextInput(path))
        guard let required = csv.columns(requiredColumns) else {
            throw InputError(path: path, reason: "needs the columns \(requiredColumns.joined(separator: ", ")) (a header line first); it has: \(csv.header.joined(separator: ", "))")
        }
        let (modelColumn, technologyColumn, offsetColumn) = (required[0], required[1], required[2])
        let header = csv.header
        let slopeColumn = header.firstIndex(of: "slope_db_per_decade"), fromColumn = header.firstIndex(of: "from_km"), toColumn = header.firstIndex(of: "to_km")
        var corrections: [ModelCorrection] = []
        for (line, fields) in csv.dataRows {
            func field(_ column: Int?) -> String {
                guard let column, column < fields.count else { return "" }
                return fields[column].trimmingCharacters(in: .whitespaces)
            }
            func number(_ column: Int?, _ name: String, within limits: ClosedRange<Double>) throws(InputError) -> Double? {
                let text = field(column)
                guard !text.isEmpty else { return nil }
                guard let value = csv.number(text), limits.contains(value) else {
                    throw InputError(path: path, reason: "line \(line): \(name) '\(text)' is not a number within \(numberText(limits.lowerBound))–\(numberText(limits.upperBound))")
                }
                return value
            }
            let fitted = field(modelColumn)
            guard let fittedModel = PathLossModel(rawValue: fitted.lowercased()) else {
                throw InputError(path: path, reason: "line \(line): model '\(fitted)' is not one of \(PathLossModel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard fittedModel == model else {
                throw InputError(path: path, reason: "line \(line): fitted for \(fittedModel.rawValue), but the run's model is \(model.rawValue): a correction fitted for one model says nothing of another's errors")
            }
            let name = field(technologyColumn)
            let technology = Technology(named: name)
            guard technology != nil || name.lowercased() == "all" else {
                throw InputError(path: path, reason: "line \(line): technology '\(name)' is not 2G, 3G, 4G, 5G or all")
            }
            guard !corrections.contains(where: { $0.technology == technology }) else {
                throw InputError(path: path, reason: "line \(line): \(technology?.rawValue ?? "all") is listed twice")
            }
            let largest = ModelCorrection.largestDB
            guard let offset = try number(offsetColumn, "offset_db", within: -largest...largest) else {
                throw InputError(path: path, reason: "line \(line): offset_db is empty")
            }
            let slope = try number(slopeColumn, "slope_db_per_decade", within: -largest...largest) ?? 0
            let distances = (try number(fromColumn, "from_km", within: 0.001...1_000), try number(toColumn, "to_km", within: 0.001...1_000))
            guard slope == 0 || distances.0 != nil && distances.1 != nil else {
                throw InputError(path: path, reason: "line \(line): a slope needs from_km and to_km, the distances it was fitted over")
            }
            let (from, to) = (distances.0 ?? 0.001, distances.1 ?? 1_000)
            guard slope == 0 || from < to else { throw InputError(path: path, reason: "line \(line): from_km \(numberText(from)) is not below to_km \(numberText(to))") }
            corrections.append(ModelCorrection(technology: technology, offsetDB: offset, slopeDBPerDecade: slope, fromKm: from, toKm: to))
        }
        guard !corrections.isEmpty else { throw InputError(path: path, reason: "lists no correction") }
        return ModelCalibration(path: path, model: model, corrections: corrections)
    }
}
