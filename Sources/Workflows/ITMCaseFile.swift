import Coverage
import Foundation
import Propagation
import Terrain

/// One ITM case from an NTIA-format reference file: inputs, and the expected loss when the file gives it.
public struct ITMCase: Sendable {
    public let transmitterHeight: Double
    public let receiverHeight: Double
    public let frequencyMHz: Double
    public let environment: ITMEnvironment
    public let path: Path
    public let expectedLoss: Double?

    public enum Path: Sendable {
        case profile(TerrainProfile)
        case area(distance: Double, deltaH: Double, siting: (SitingCriteria, SitingCriteria))
    }

    /// Runs the case through ITM.
    public func predict() throws(ITMError) -> ITMResult {
        switch path {
        case .profile(let profile):
            try ITM.pointToPoint(
                profile: profile, transmitterHeight: transmitterHeight, receiverHeight: receiverHeight,
                frequencyMHz: frequencyMHz, environment: environment
            )
        case let .area(distance, deltaH, siting):
            try ITM.area(
                distance: distance, deltaH: deltaH, transmitterHeight: transmitterHeight, receiverHeight: receiverHeight,
                siting: siting, frequencyMHz: frequencyMHz, environment: environment
            )
        }
    }
}

/// Reads the NTIA ITM reference case format: `p2p.csv` with `pfls.csv` (line i = profile of case i, in PFL
/// form `n_intervals, step_m, z0 … zn`), or `area.csv`. The `A__db` column may be absent.
public enum ITMCaseFile {
    static let pointToPointColumns = [
        "h_tx__meter", "h_rx__meter", "epsilon", "sigma", "N_0", "f__mhz", "pol", "climate", "time", "location",
        "situation", "mdvar",
    ]
    static let areaColumns = [
        "h_tx__meter", "h_rx__meter", "delta_h__meter", "mdvar", "d__km", "tx_siting_criteria", "rx_siting_criteria",
        "epsilon", "sigma", "N_0", "f__mhz", "pol", "climate", "time", "location", "situation",
    ]

    public static func pointToPoint(cases: String, profiles: String) throws(InputError) -> [ITMCase] {
        let rows = try records(cases, columns: pointToPointColumns)
        let lines = try readTextInput(profiles).split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
        guard lines.count >= rows.count else {
            throw InputError(path: profiles, reason: "\(lines.count) profiles for \(rows.count) cases")
        }
        var result: [ITMCase] = []
        for (index, row) in rows.enumerated() {
            let profile = try pfl(String(lines[index]), file: profiles, line: index + 1)
            result.append(try makeCase(row, path: .profile(profile), file: cases))
        }
        return result
    }

    public static func area(cases: String) throws(InputError) -> [ITMCase] {
        try records(cases, columns: areaColumns).map { row throws(InputError) in
            let distance = row.values["d__km"]! * 1_000, deltaH = row.values["delta_h__meter"]!
            let transmitter = try siting(row, "tx_siting_criteria", file: cases)
            let receiver = try siting(row, "rx_siting_criteria", file: cases)
            return try makeCase(row, path: .area(distance: distance, deltaH: deltaH, siting: (transmitter, receiver)), file: cases)
        }
    }

    /// One data row: its line number and numeric values by column name.
    struct Record {
        let line: Int
        let values: [String: Double]
    }

    private static func records(_ path: String, columns: [String]) throws(InputError) -> [Record] {
        let rows = CSV.rows(try readTextInput(path)).filter { !($0.count == 1 && $0[0].trimmingCharacters(in: .whitespaces).isEmpty) }
        guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces) }) else {
            throw InputError(path: path, reason: "empty file")
        }
        for column in columns where !header.contains(column) {
            throw InputError(path: path, reason: "header lacks column '\(column)'")
        }
        var records: [Record] = []
        for (offset, fields) in rows.dropFirst().enumerated() {
            let line = offset + 2
            guard fields.count == header.count else {
                throw InputError(path: path, reason: "line \(line): \(fields.count) fields, header has \(header.count)")
            }
            var values: [String: Double] = [:]
            for (name, field) in zip(header, fields) {
                let trimmed = field.trimmingCharacters(in: .whitespaces)
                guard let number = Double(trimmed), number.isFinite else {
                    throw InputError(path: path, reason: "line \(line): column '\(name)' is not a finite number: '\(trimmed)'")
                }
                values[name] = number
            }
            records.append(Record(line: line, values: values))
        }
        guard !records.isEmpty else { throw InputError(path: path, reason: "no cases") }
        return records
    }

    private static func pfl(_ line: String, file: String, line number: Int) throws(InputError) -> TerrainProfile {
        let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let numbers = fields.compactMap(Double.init).filter(\.isFinite)
        guard numbers.count == fields.count, numbers.count >= 4 else {
            throw InputError(path: file, reason: "line \(number): not a PFL profile (n_intervals, step_m, z0 … zn)")
        }
        let step = numbers[1]
        guard let intervals = Int(exactly: numbers[0]), intervals >= 1, step > 0 else {
            throw InputError(path: file, reason: "line \(number): bad PFL header (\(fields[0]) intervals of \(fields[1]) m)")
        }
        let elevations = Array(numbers.dropFirst(2))
        guard elevations.count == intervals + 1 else {
            throw InputError(
                path: file,
                reason: "line \(number): header says \(intervals) intervals (\(intervals + 1) elevations) but the line has \(elevations.count)"
            )
        }
        return TerrainProfile(step: step, elevations: elevations)
    }

    private static func siting(_ row: Record, _ column: String, file: String) throws(InputError) -> SitingCriteria {
        guard let siting = row.values[column].flatMap(Int.init(exactly:)).flatMap(SitingCriteria.init(rawValue:)) else {
            throw InputError(path: file, reason: "line \(row.line): \(column) must be 0, 1 or 2")
        }
        return siting
    }

    private static func makeCase(_ row: Record, path: ITMCase.Path, file: String) throws(InputError) -> ITMCase {
        let v = row.values
        func code<T>(_ column: String, _ make: (Int) -> T?) throws(InputError) -> T {
            guard let result = v[column].flatMap(Int.init(exactly:)).flatMap(make) else {
                throw InputError(path: file, reason: "line \(row.line): invalid \(column) '\(v[column].map { String($0) } ?? "")'")
            }
            return result
        }
        let environment = ITMEnvironment(
            climate: try code("climate", RadioClimate.init(rawValue:)), refractivity: v["N_0"]!,
            polarization: try code("pol", Polarization.init(rawValue:)), permittivity: v["epsilon"]!,
            conductivity: v["sigma"]!, variability: try code("mdvar", VariabilityMode.init(rawValue:)),
            time: v["time"]!, location: v["location"]!, situation: v["situation"]!
        )
        return ITMCase(
            transmitterHeight: v["h_tx__meter"]!, receiverHeight: v["h_rx__meter"]!, frequencyMHz: v["f__mhz"]!,
            environment: environment,
            path: path, expectedLoss: v["A__db"]
        )
    }
}
