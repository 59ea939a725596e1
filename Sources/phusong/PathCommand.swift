import ArgumentParser
import Foundation
import Propagation
import Terrain
import Workflows

struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "Path loss: NTIA-format case files (CSV out) or one path over a terrain model (JSON out).",
        discussion: """
            phusong path --model itm --cases p2p.csv --profiles pfls.csv   → row,A__db,mode
            phusong path --model itm-area --cases area.csv                 → row,A__db,mode
            phusong path --model M --terrain DEM --from LAT,LON --to LAT,LON [options]    → JSON
                [--eirp-dbm E | --tx-power-dbm P [--tx-gain-dbi G] [--tx-feeder-loss-db L]]
                [--rx-gain-dbi G] [--rx-feeder-loss-db L] [--threshold-dbm T] [--profile-csv FILE]
                [--rain-rate-mm-h R --dn1 N] [--water-vapour-g-m3 RHO] [--air-temperature-c T]
                [--calibration CSV [--technology 4G]]
                [--indoor-loss-db L | --indoor-penetration 3gpp-low|3gpp-high [--indoor-depth-m D]
                 | --indoor-penetration p2109-traditional|p2109-efficient]
                [--handset-clutter water|open|suburban|urban|trees|dense-urban [--handset-clutter-height-m R]
                 [--handset-street-width-m W]]
            The JSON gives the first Fresnel zone's clearance, the air's absorption (ITU-R P.676), with a transmitter's
            power the link budget, and with a threshold and the climate the share of the year the fade margin holds
            (ITU-R P.530 rain and multipath). --calibration takes a drive test's correction of the model off the loss at
            the path's length (a technology's row, else the file's row for all), as footprints add it to their power.
            --indoor-penetration puts the receiver inside a building, as for footprints: its loss by frequency joins the
            loss (indoor_loss_db) and, at a --location percentage, its spread joins the model's. --handset-clutter
            takes the receiver at the top of the clutter around it and adds ITU-R P.2108's loss down to its own height
            (handset_clutter_loss_db).
            """
    )

    @Option(help: "Model: \(PathLossModel.allCases.map(\.rawValue).joined(separator: ", ")).")
    var model: PathLossModel

    @Option(help: "NTIA-format case file (columns as the reference p2p.csv or area.csv).")
    var cases: String?

    @Option(help: "Profiles for --cases in PFL form, one line per case.")
    var profiles: String?

    @Option(help: "Elevation model for a single path.")
    var terrain: String?

    @Option(parsing: .unconditional, help: "Transmitter position, LAT,LON.")
    var from: String?

    @Option(parsing: .unconditional, help: "Receiver position, LAT,LON.")
    var to: String?

    @OptionGroup var link: LinkOptions

    @OptionGroup var budget: LinkBudgetOptions

    @OptionGroup var fading: FadingOptions

    @OptionGroup var indoor: IndoorOptions

    @OptionGroup var handsetClutter: HandsetClutterOptions

    @OptionGroup var atmosphere: AtmosphereOptions

    @Option(name: .customLong("profile-csv"), help: "Write the path's profile with the ray and the first Fresnel zone to this CSV.")
    var profileCSV: String?

    @Option(help: "A model calibration (as drive-test writes calibration.csv): its correction taken off the loss, as footprints add it.")
    var calibration: String?

    @Option(help: "With --calibration: the technology whose correction applies (2G, 3G, 4G, 5G); the file's row for all without.")
    var technology: String?

    func validate() throws {
        if cases != nil {
            guard model.isITM else { throw ValidationError("--cases works with --model itm or itm-area") }
            guard (model == .itm) == (profiles != nil) else {
                throw ValidationError(model == .itmArea ? "--model itm-area takes no --profiles" : "--model itm with --cases needs --profiles")
            }
            let terrainOnly = [
                profileCSV.map { _ in "--profile-csv" }, fading.rainRate.map { _ in "--rain-rate-mm-h" }, atmosphere.firstGiven,
                calibration.map { _ in "--calibration" }, indoor.firstGiven, handsetClutter.firstGiven,
            ]
            if let option = budget.input.given.first.map({ LinkBudgetOptions.option($0.field) }) ?? terrainOnly.compactMap({ $0 }).first {
                throw ValidationError("\(option) works with a terrain path, not with --cases")
            }
        } else {
            guard terrain != nil, from != nil, to != nil else {
                throw ValidationError("give either --cases, or --terrain with --from and --to")
            }
            _ = try fading.climate(budget: budget.settings())
        }
        try link.radio.validate(for: model)
        try handsetClutter.validate(for: model, handsetHeight: link.receiverHeight)
        guard technology == nil || calibration != nil else { throw ValidationError("--technology needs --calibration (it picks the correction)") }
        if let technology, Technology(named: technology) == nil {
            throw ValidationError("--technology must be one of \(Technology.namesAccepted), got '\(technology)'")
        }
    }

    func run() throws {
        if let cases {
            let loaded = try reportingInputErrors { () throws(InputError) in
                try model == .itm
                    ? ITMCaseFile.pointToPoint(cases: cases, profiles: profiles ?? "")
                    : ITMCaseFile.area(cases: cases)
            }
            // Every case is computed before anything is printed: a bad case leaves no partial CSV.
            let results = try reportingInputErrors { () throws(InputError) in
                try loaded.enumerated().map { index, item throws(InputError) in
                    do throws(ITMError) {
                        return try item.predict()
                    } catch {
                        throw InputError(path: cases, reason: "case \(index + 1): \(error.message)")
                    }
                }
            }
            print("row,A__db,mode")
            for (index, result) in results.enumerated() {
                print(String(format: "%d,%.2f,%d", index + 1, result.loss, result.mode.rawValue))
            }
            return
        }
        var request = PathRequest(
            terrainPath: terrain ?? "", from: try coordinate(from ?? "", option: "--from"),
            to: try coordinate(to ?? "", option: "--to"), link: link.settings, budget: try budget.settings(), profileCSV: profileCSV,
            fading: try fading.climate(budget: budget.settings()), atmosphere: try atmosphere.atmosphere()
        )
        request.correction = try correction()
        (request.indoorLossDB, request.penetration) = (indoor.flatLossDB, indoor.penetration)
        if let clutter = handsetClutter.clutter { request.placeReceiver(among: clutter) }
        let report = try reportingInputErrors { () throws(InputError) in try PathJob.run(request, model: model) }
        print(report.json())
    }

    /// `--calibration`'s correction for `--technology` (its own row, else the row for all; the row for all alone
    /// without); nil without a calibration. A file without such a row is refused, exit 1.
    private func correction() throws -> ModelCorrection? {
        guard let file = try loadCalibration(calibration, for: model) else { return nil }
        let named = technology.flatMap(Technology.init(named:))
        let found = named.map(file.correction(for:)) ?? file.corrections.first { $0.technology == nil }
        return try reportingInputErrors { () throws(InputError) -> ModelCorrection in
            guard let found else {
                let rows = file.corrections.map(\.technologyName).joined(separator: ", ")
                throw InputError(path: file.path, reason: "no correction for \(technology ?? "all technologies (a row 'all'; or give --technology)") (its rows: \(rows))")
            }
            return found
        }
    }

    private func coordinate(_ text: String, option: String) throws -> GeoPoint {
        let parts = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, (-90...90).contains(parts[0]), (-180...180).contains(parts[1]) else {
            throw ValidationError("\(option) must be LAT,LON in degrees, got '\(text)'")
        }
        return GeoPoint(latitude: parts[0], longitude: parts[1])
    }
}
