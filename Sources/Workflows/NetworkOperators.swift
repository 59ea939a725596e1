import Coverage
import Geometry
import Planning
import Terrain

/// The operators a run's sites belong to (their `operator`), checked: every site names one, or none does.
struct NetworkOperators {
    /// Operator names, sorted; empty when no site names one.
    let names: [String]

    /// Refuses sites of which some name an operator and others do not, naming the sites file and the first site without.
    init(_ sites: [Site], path: String) throws(InputError) {
        let named = sites.compactMap(\.networkOperator)
        if !named.isEmpty, let unnamed = sites.first(where: { $0.networkOperator == nil }) {
            throw InputError(
                path: path,
                reason: "site '\(unnamed.id)' has no operator while \(named.count) of the \(sites.count) sites name one: give every site its operator, or none"
            )
        }
        names = Set(named).sorted()
    }

    /// Each operator's covered cells, from its sites' `footprints` alone, in the order of `names`.
    func coverage(of footprints: [SiteFootprint], gridWidth: Int, cellCount: Int) -> [CoverageMasks] {
        names.map { name in
            CoverageMasks(footprints: footprints.filter { $0.site.networkOperator == name }, gridWidth: gridWidth, cellCount: cellCount)
        }
    }

    /// Refuses a run of several operators' sites that asks for what chooses each cell's server among every site of a
    /// technology (`features`, the options' names): a handset is served by its own operator's sites only.
    func refuseServers(for features: [String], path: String) throws(InputError) {
        guard names.count > 1, !features.isEmpty else { return }
        throw InputError(
            path: path,
            reason: "\(features.joined(separator: ", ")) \(features.count == 1 ? "chooses" : "choose") each cell's server among every site of a technology, but the sites "
                + "belong to \(names.count) operators (\(names.joined(separator: ", "))), whose handsets only their own sites serve: "
                + "run each operator's sites apart for those"
        )
    }

    /// Refuses operators that `what` names (the operator shares, `--gap-operator`) and no site names; `what` is followed
    /// by the first such name in the error.
    func checkNamed(_ named: [String], by what: String, path: String) throws(InputError) {
        guard let unknown = named.sorted().first(where: { !names.contains($0) }) else { return }
        throw InputError(
            path: path,
            reason: "\(what) '\(unknown)', which no site names ("
                + (names.isEmpty ? "no site names an operator" : "the sites name \(names.joined(separator: ", "))") + ")"
        )
    }
}

extension FootprintRequest {
    /// The options of this run that choose each cell's server among every site of a technology.
    var serverChoosingFeatures: [String] {
        [
            sinr.map { _ in "--sinr" }, ecio.map { _ in "--ecio" }, ci.map { _ in "--ci" },
            neighbours.map { _ in "--neighbours" },
        ].compactMap { $0 }
    }
}
