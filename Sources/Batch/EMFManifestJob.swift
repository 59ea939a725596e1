import Propagation
import Terrain
import Workflows

extension Manifest {
    /// What an EMF job takes from the scenario it names: the ground people stand on.
    static let emfScenarioKeys: Set<String> = ["terrain"]
    static let emfKeys: Set<String> = emfScenarioKeys.union(["sites", "limits", "radius_m", "person_height_m"])

    /// A `phusong emf` run from a job's fields, as the command's options give it (`--radius-m` as `radius_m`, …); its
    /// output folder is the job's.
    static func emfRequest(_ fields: JSONFields, resolve: (String) -> String) throws(InputError) -> EMFRequest {
        try fields.onlyKeys(emfKeys)
        try requireFiles(fields, ["terrain", "sites"], resolve: resolve)
        guard let terrain = try fields.string("terrain").map(resolve) else { throw fields.fault("terrain", "missing") }
        guard let sites = try fields.string("sites").map(resolve) else { throw fields.fault("sites", "missing") }
        var request = EMFRequest(terrainPath: terrain, sitesPath: sites, outputPath: "")
        if let name = try fields.string("limits") {
            guard let limits = ExposureLimits(rawValue: name) else {
                throw fields.fault("limits", "unknown limits '\(name)' (one of \(ExposureLimits.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            request.limits = limits
        }
        request.radiusM = try fields.number("radius_m") ?? request.radiusM
        request.personHeightM = try fields.number("person_height_m") ?? request.personHeightM
        if let problem = request.problem { throw fields.fault(problem.field, problem.message) }
        return request
    }
}
