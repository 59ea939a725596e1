import Foundation
import Siting
import Terrain
import Workflows

/// One job of a batch: what to run, the files it reads, and which of its outputs to keep.
public struct BatchJob: Sendable {
    /// `phusong optimize` on a coverage instance file.
    public struct Optimization: Sendable {
        public let instancePath: String
        public let p: Int?
        public let budget: Double?
        public let options: SitingOptions
    }

    public enum Work: Sendable {
        /// A site proposal (`phusong evaluate`; footprints alone when the scenario has no population).
        case evaluate(FootprintRequest)
        /// A coverage claim (`phusong verify`).
        case verify(claimPath: String)
        case optimize(Optimization)
        case plan(PlanRequest)
        /// Sectors' downtilts (`phusong tilt`).
        case tilt(TiltRequest)
        /// Microwave hops between masts (`phusong backhaul`).
        case backhaul(BackhaulRequest)
        /// Masts' exposure zones and the ground's exposure (`phusong emf`).
        case emf(EMFRequest)
    }

    public let id: String
    public let work: Work
    /// Input files (or folders) whose content the job's results depend on.
    public let inputs: [String]
    /// The job's settings as written (scenario merged in), keys sorted: with the inputs' content, its identity.
    public let settings: String
    /// Output kinds to keep (nil: all): geotiff, geojson, kmz, png, csv, json, md.
    public let outputKinds: Set<String>?
    /// The backhaul job, listed before this one, whose `reach.csv` this evaluation, plan or tilt search takes as its
    /// backhaul's reach: it runs after that job, in its shard.
    public internal(set) var backhaulFrom: String? = nil

    /// The job type as the manifest names it.
    public var type: String {
        switch work {
        case .evaluate: "evaluate"
        case .verify: "verify"
        case .optimize: "optimize"
        case .plan: "plan"
        case .tilt: "tilt"
        case .backhaul: "backhaul"
        case .emf: "emf"
        }
    }
}

extension BatchJob {
    /// What to run, with the `reach.csv` of the `backhaulFrom` job in the results folder `output` as the backhaul's
    /// reach (named `jobs/<id>/reach.csv` in the results).
    func work(resultsIn output: String) -> Work {
        guard let backhaulFrom else { return work }
        let name = "jobs/" + backhaulFrom + "/reach.csv"
        func following(_ request: FootprintRequest) -> FootprintRequest {
            var run = request
            run.residents?.backhaulReachPath = output + "/" + name
            run.residents?.backhaulReachName = name
            return run
        }
        switch work {
        case let .evaluate(request):
            return .evaluate(following(request))
        case var .plan(request):
            request.evaluation = following(request.evaluation)
            return .plan(request)
        case var .tilt(request):
            request.evaluation = following(request.evaluation)
            return .tilt(request)
        case .verify, .optimize, .backhaul, .emf:
            return work
        }
    }
}

/// Output kinds by file extension, for a job's `outputs` list.
enum OutputKind {
    static let byExtension = ["tif": "geotiff", "geojson": "geojson", "gpkg": "gpkg", "kmz": "kmz", "png": "png", "csv": "csv", "json": "json", "md": "md"]
    static let all = Set(byExtension.values)
}
