import Terrain

/// What a kilometre of road and a facility covered count in a plan's or a tilt search's objective, in residents (0: the
/// evaluation's roads or facilities are reported, not weighed).
public struct ObjectiveWeights: Sendable, Equatable {
    public var road: Double
    public var facility: Double

    public init(road: Double = 0, facility: Double = 0) {
        self.road = road
        self.facility = facility
    }

    /// `evaluation`'s roads and facilities, read up front, each when it is weighed above 0; a weight below 0, or above
    /// it without its layer, is refused naming the sites file.
    func layers(of evaluation: FootprintRequest) throws(InputError) -> WeighedLayers {
        let roads = try weighed(evaluation.roads, by: road, of: "a kilometre of road", option: "--roads", evaluation: evaluation)
        let facilities = try weighed(evaluation.facilities, by: facility, of: "a facility", option: "--facilities", evaluation: evaluation)
        return WeighedLayers(roads: try roads.map(RoadReport.init), facilities: try facilities.map(FacilityReport.init))
    }

    /// The cells `layers` weigh on `grid` besides the residents', each with its weight in residents (`weightedCells`).
    func cells(of layers: WeighedLayers, on grid: TerrainGrid) throws(InputError) -> [Int: Double] {
        try weightedCells(roads: layers.roads, roadWeight: road, facilities: layers.facilities, facilityWeight: facility, on: grid)
    }

    /// `layer` when `what` (a kilometre of road, a facility) is weighed above 0; nil for 0.
    private func weighed<Layer>(
        _ layer: Layer?, by weight: Double, of what: String, option: String, evaluation: FootprintRequest
    ) throws(InputError) -> Layer? {
        let path = evaluation.sitesPath
        guard weight >= 0, weight.isFinite else { throw InputError(path: path, reason: "the weight of \(what) must be a number ≥ 0 (got \(weight))") }
        guard weight > 0 else { return nil }
        guard let layer else { throw InputError(path: path, reason: "a weight of \(what) covered needs the layer of \(option)") }
        return layer
    }
}

/// The roads and facilities an objective weighs, read.
struct WeighedLayers {
    let roads: RoadReport?
    let facilities: FacilityReport?
}
