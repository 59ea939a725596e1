import Foundation
import Siting
import Terrain
import Workflows

/// A batch manifest (YAML or JSON): shared scenarios and the jobs to run. Relative paths resolve against the
/// manifest's folder; every fault names the manifest, the line and the field.
///
/// ```yaml
/// name: Cao Bằng proposals
/// output: results                 # default: <manifest name>-results beside it
/// scenarios:
///   province: {terrain: dem.tif, population: communes.geojson, model: itm, radius_km: 15}
/// jobs:
///   - {id: north, type: evaluate, scenario: province, sites: north.csv, outputs: [json, csv, png]}
///   - {id: claim, type: verify, claim: claim.json}
///   - {id: masts, type: optimize, instance: masts.json.gz, p: 10}
///   - {id: plan, type: plan, scenario: province, sites: candidates.csv, budget: 600}
///   - {id: tilts, type: tilt, scenario: province, sites: sectors.csv, max_tilt_deg: 12}
///   - {id: hops, type: backhaul, scenario: province, sites: masts.csv, within_km: 20, hub_field: fibre}
///   - {id: linked, type: plan, scenario: province, sites: candidates.csv, budget: 600, backhaul_from: hops,
///      backhaul_required: true}
/// ```
public struct Manifest: Sendable {
    public let path: String
    public let name: String
    /// The folder results go to (absolute).
    public let output: String
    public let jobs: [BatchJob]

    /// The same manifest with its results going to `folder`.
    public func writing(to folder: String) -> Manifest {
        Manifest(path: path, name: name, output: folder, jobs: jobs)
    }

    /// Each job's position for `--shard`: its own in the manifest, or that of the job whose results it takes.
    public var shardPositions: [Int] {
        let position = Dictionary(uniqueKeysWithValues: jobs.enumerated().map { ($1.id, $0) })
        return jobs.enumerated().map { index, job in job.backhaulFrom.flatMap { position[$0] } ?? index }
    }

    static let jobTypes = ["evaluate", "verify", "optimize", "plan", "tilt", "backhaul", "emf"]
    private static let planKeys: Set<String> = [
        "p", "budget", "min_separation_m", "commune_minimum_percent", "second_mast_weight", "backhaul_required", "gap", "time_limit",
        "operator", "tenant_cost", "others_coverage_weight", "road_weight", "facility_weight",
    ]
    private static let tiltKeys: Set<String> = [
        "min_tilt_deg", "max_tilt_deg", "tilt_step_deg", "azimuth_range_deg", "azimuth_step_deg", "rounds", "min_gain_residents", "sinr_limit_db",
        "road_weight", "facility_weight",
    ]
    private static let optimizeKeys: Set<String> = ["instance", "p", "budget", "gap", "time_limit", "exact"]

    public static func load(_ path: String) throws(InputError) -> Manifest {
        let root = try ManifestDocument(path: path).root
        try root.onlyKeys(["name", "output", "scenarios", "jobs"])
        func resolve(_ file: String) -> String { resolvedPath(file, namedIn: path) }
        var scenarios: [String: JSONFields] = [:]
        if let given = try root.object("scenarios") {
            for name in given.keys {
                let scenario = try given.object(name)!
                _ = try ScenarioFields.request(scenario, resolve: resolve, required: [])
                try requireFiles(scenario, scenarioFileKeys, resolve: resolve)
                scenarios[name] = scenario
            }
        }
        guard let entries = try root.objects("jobs"), !entries.isEmpty else { throw root.fault("jobs", "missing, or no job listed") }
        var firstOfID: [String: String] = [:], earlier: [String: BatchJob] = [:]
        let jobs = try entries.map { entry throws(InputError) -> BatchJob in
            guard let id = try entry.string("id") else { throw entry.fault("id", "missing") }
            guard id.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }), !id.hasPrefix(".") else {
                throw entry.fault("id", "'\(id)' must be letters, digits, '-', '_' or '.' (and not start with '.')")
            }
            guard id.utf8.count <= longestNameFromID else {
                throw entry.fault("id", "'\(id.prefix(40))…' is \(id.utf8.count) bytes long, over \(longestNameFromID) (it names the job's folder)")
            }
            if let first = firstOfID[id] { throw entry.fault("id", "'\(id)' is already the id of \(first)") }
            firstOfID[id] = entry.path
            let job = try job(entry, id: id, scenarios: scenarios, earlier: earlier, resolve: resolve)
            earlier[id] = job
            return job
        }
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return Manifest(
            path: path, name: try root.string("name") ?? stem, output: resolve(try root.string("output") ?? stem + "-results"), jobs: jobs
        )
    }

    private static func job(
        _ entry: JSONFields, id: String, scenarios: [String: JSONFields], earlier: [String: BatchJob], resolve: (String) -> String
    ) throws(InputError) -> BatchJob {
        guard let type = try entry.string("type") else { throw entry.fault("type", "missing") }
        let outputs = try entry.strings("outputs").map { kinds throws(InputError) -> Set<String> in
            if let unknown = kinds.first(where: { !OutputKind.all.contains($0) }) {
                throw entry.fault("outputs", "unknown output kind '\(unknown)' (one of \(OutputKind.all.sorted().joined(separator: ", ")))")
            }
            return Set(kinds)
        }
        var fields = entry.removing(["id", "type", "outputs"])
        if let name = try entry.string("scenario") {
            guard let scenario = scenarios[name] else {
                throw entry.fault("scenario", "no scenario '\(name)' under scenarios (\(scenarios.keys.sorted().joined(separator: ", ")))")
            }
            // A backhaul job takes from a scenario its terrain and radio climate, an EMF job its terrain; the rest
            // describes coverage runs.
            let taken = type == "backhaul" ? backhaulScenarioKeys : type == "emf" ? emfScenarioKeys : nil
            let shared = taken.map { scenario.removing(Set(scenario.keys).subtracting($0)) } ?? scenario
            fields = shared.merging(fields.removing(["scenario"]))
        }
        let settings = fields.canonicalJSON
        switch type {
        case "evaluate", "plan", "tilt":
            let extra = type == "plan" ? planKeys : type == "tilt" ? tiltKeys : []
            try fields.onlyKeys(ScenarioFields.keys.union(extra).union(["backhaul_from"]))
            var request = try ScenarioFields.request(
                fields.removing(extra.union(["backhaul_from"])), resolve: resolve,
                required: type == "evaluate" ? ["sites"] : ["sites", "population"]
            )
            try requireFiles(fields, ["sites"] + scenarioFileKeys, resolve: resolve)
            let backhaulFrom = try backhaulJob(fields, request: request, earlier: earlier)
            let inputs = request.inputFiles
            request.outputDirectory = ""
            let work: BatchJob.Work = switch type {
            case "plan": .plan(try planRequest(fields, evaluation: request, backhaulFrom: backhaulFrom))
            case "tilt": .tilt(TiltRequest(evaluation: request, settings: try tiltSettings(fields), weights: try objectiveWeights(fields, evaluation: request)))
            default: .evaluate(request)
            }
            return BatchJob(id: id, work: work, inputs: inputs, settings: settings, outputKinds: outputs, backhaulFrom: backhaulFrom)
        case "verify":
            try fields.onlyKeys(["claim"])
            guard let claim = try fields.string("claim").map(resolve) else { throw fields.fault("claim", "missing") }
            try requireFiles(fields, ["claim"], resolve: resolve)
            // A claim that does not load keeps its own file as the one input; running the job reports why.
            let inputs = (try? Claim.load(claim))?.inputFiles ?? [claim]
            return BatchJob(id: id, work: .verify(claimPath: claim), inputs: inputs, settings: settings, outputKinds: outputs)
        case "optimize":
            try fields.onlyKeys(optimizeKeys)
            guard let instance = try fields.string("instance").map(resolve) else { throw fields.fault("instance", "missing") }
            try requireFiles(fields, ["instance"], resolve: resolve)
            let optimization = BatchJob.Optimization(
                instancePath: instance, p: try whole(fields, "p"), budget: try nonNegative(fields, "budget"),
                options: try solverOptions(fields, exact: try fields.bool("exact") ?? true)
            )
            return BatchJob(id: id, work: .optimize(optimization), inputs: [instance], settings: settings, outputKinds: outputs)
        case "backhaul":
            let request = try backhaulRequest(fields, resolve: resolve)
            let links: [String] = if case .listed(let file) = request.hops { [file] } else { [] }
            let inputs = [request.terrainPath, request.sitesPath] + links
            return BatchJob(id: id, work: .backhaul(request), inputs: inputs, settings: settings, outputKinds: outputs)
        case "emf":
            let request = try emfRequest(fields, resolve: resolve)
            return BatchJob(id: id, work: .emf(request), inputs: [request.terrainPath, request.sitesPath], settings: settings, outputKinds: outputs)
        default:
            throw entry.fault("type", "unknown job type '\(type)' (one of \(jobTypes.joined(separator: ", ")))")
        }
    }

    /// A plan's or a tilt job's `road_weight` and `facility_weight`, each 0 unless given, and each only with the
    /// scenario's layer it weighs.
    private static func objectiveWeights(_ fields: JSONFields, evaluation: FootprintRequest) throws(InputError) -> ObjectiveWeights {
        var weights = ObjectiveWeights()
        if let weight = try fields.number("road_weight") {
            guard weight >= 0 else { throw fields.fault("road_weight", "must be a number ≥ 0") }
            guard evaluation.roads != nil else { throw fields.fault("road_weight", "needs the scenario's roads (the roads it weighs)") }
            weights.road = weight
        }
        if let weight = try fields.number("facility_weight") {
            guard weight >= 0 else { throw fields.fault("facility_weight", "must be a number ≥ 0") }
            guard evaluation.facilities != nil else { throw fields.fault("facility_weight", "needs the scenario's facilities (the facilities it weighs)") }
            weights.facility = weight
        }
        return weights
    }

    /// A tilt job's search settings, each as given or its default.
    private static func tiltSettings(_ fields: JSONFields) throws(InputError) -> TiltSettings {
        var settings = TiltSettings()
        settings.minimumTilt = try fields.number("min_tilt_deg") ?? settings.minimumTilt
        settings.maximumTilt = try fields.number("max_tilt_deg") ?? settings.maximumTilt
        settings.step = try fields.number("tilt_step_deg") ?? settings.step
        settings.azimuthRange = try fields.number("azimuth_range_deg") ?? settings.azimuthRange
        settings.azimuthStep = try fields.number("azimuth_step_deg") ?? settings.azimuthStep
        settings.rounds = try whole(fields, "rounds") ?? settings.rounds
        settings.minimumGain = try fields.number("min_gain_residents") ?? settings.minimumGain
        settings.sinrLimitDB = try fields.number("sinr_limit_db") ?? settings.sinrLimitDB
        if let problem = settings.problem { throw fields.fault(problem.key, problem.reason) }
        return settings
    }

    /// The id of the backhaul job listed before this one whose reach.csv `backhaul_from` names, checked: it writes
    /// one and keeps it, and the job has residents and no `backhaul_reach` of its own.
    private static func backhaulJob(
        _ fields: JSONFields, request: FootprintRequest, earlier: [String: BatchJob]
    ) throws(InputError) -> String? {
        guard let id = try fields.string("backhaul_from") else { return nil }
        guard let job = earlier[id], case let .backhaul(backhaul) = job.work else {
            let listed = earlier.values.filter { $0.type == "backhaul" }.map(\.id).sorted()
            throw fields.fault("backhaul_from", "no backhaul job '\(id)' listed before this one (\(listed.isEmpty ? "none" : listed.joined(separator: ", ")))")
        }
        guard backhaul.hubField != nil else { throw fields.fault("backhaul_from", "job '\(id)' has no hub_field, so writes no reach.csv") }
        if let kinds = job.outputKinds, !kinds.contains("csv") {
            throw fields.fault("backhaul_from", "job '\(id)' keeps no csv outputs, so not its reach.csv")
        }
        if try fields.string("backhaul_reach") != nil { throw fields.fault("backhaul_from", "give backhaul_reach or backhaul_from, not both") }
        if request.residents == nil { throw fields.fault("backhaul_from", "needs population (the residents the masts' outages leave without coverage)") }
        return id
    }

    private static func planRequest(
        _ fields: JSONFields, evaluation: FootprintRequest, backhaulFrom: String?
    ) throws(InputError) -> PlanRequest {
        let p = try whole(fields, "p"), budget = try nonNegative(fields, "budget")
        guard p != nil || budget != nil else { throw fields.fault("p", "a plan needs p or budget (or both)") }
        let separation = try nonNegative(fields, "min_separation_m")
        let minimum = try fields.number("commune_minimum_percent")
        if let minimum, !(0...100).contains(minimum) { throw fields.fault("commune_minimum_percent", "must be within 0–100") }
        let secondMast = try fields.number("second_mast_weight") ?? 0
        guard (0...1).contains(secondMast) else { throw fields.fault("second_mast_weight", "must be within 0–1") }
        var request = PlanRequest(
            evaluation: evaluation, p: p, budget: budget, options: try solverOptions(fields, exact: true),
            minimumSeparation: separation, communeMinimumShare: minimum.map { $0 / 100 }, secondMastWeight: secondMast
        )
        request.backhaulRequired = try fields.bool("backhaul_required") ?? false
        request.networkOperator = try fields.string("operator")
        if request.networkOperator?.isEmpty == true { throw fields.fault("operator", "must name an operator") }
        request.tenantCost = try nonNegative(fields, "tenant_cost")
        if request.tenantCost != nil, request.networkOperator == nil {
            throw fields.fault("tenant_cost", "needs operator (the operator leasing other operators' masts)")
        }
        if let weight = try fields.number("others_coverage_weight") {
            guard (0...1).contains(weight) else { throw fields.fault("others_coverage_weight", "must be within 0–1") }
            guard request.networkOperator != nil else { throw fields.fault("others_coverage_weight", "needs operator (whose plan weighs the others' coverage)") }
            guard weight == 1 || minimum == nil else {
                throw fields.fault("others_coverage_weight", "below 1 weighs residents apart, where commune_minimum_percent counts every resident alike: give one or the other")
            }
            request.othersCoverageWeight = weight
        }
        request.weights = try objectiveWeights(fields, evaluation: evaluation)
        if request.backhaulRequired, evaluation.residents?.backhaulReachPath == nil, backhaulFrom == nil {
            throw fields.fault("backhaul_required", "needs the scenario's backhaul_reach, or backhaul_from")
        }
        return request
    }

    private static func solverOptions(_ fields: JSONFields, exact: Bool) throws(InputError) -> SitingOptions {
        let gap = try fields.number("gap") ?? 1e-6
        guard gap >= 0, gap < 1 else { throw fields.fault("gap", "must be within [0, 1)") }
        let seconds = try fields.number("time_limit") ?? 60
        guard seconds > 0 else { throw fields.fault("time_limit", "must be positive") }
        return SitingOptions(gap: gap, timeLimit: seconds, exact: exact)
    }

    private static func whole(_ fields: JSONFields, _ key: String) throws(InputError) -> Int? {
        guard let value = try fields.number(key) else { return nil }
        guard value >= 0, value == value.rounded(), value < 1e9 else { throw fields.fault(key, "must be a whole number ≥ 0") }
        return Int(value)
    }

    private static func nonNegative(_ fields: JSONFields, _ key: String) throws(InputError) -> Double? {
        guard let value = try fields.number(key) else { return nil }
        guard value >= 0 else { throw fields.fault(key, "must not be negative") }
        return value
    }

    /// The fields of a scenario that name input files (a job's `sites` besides).
    private static let scenarioFileKeys = [
        "terrain", "population", "population_raster", "settlements", "clutter", "clutter_losses", "channels", "pci", "psc",
        "tilts", "loads", "roads", "facilities",
    ]

    /// Every listed path field present must name an existing file or folder.
    static func requireFiles(_ fields: JSONFields, _ keys: [String], resolve: (String) -> String) throws(InputError) {
        for key in keys {
            guard let value = try fields.string(key) else { continue }
            let source = VectorSource(resolve(value))
            if !source.fileExists { throw fields.fault(key, "no such file: \(source.file)") }
        }
    }
}
