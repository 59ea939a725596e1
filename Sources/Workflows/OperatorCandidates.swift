import Coverage
import Terrain

/// One operator's plan (`phusong plan --operator`) over candidates that name several operators: its own sites and the
/// candidates naming no operator are its own; every other operator's site on air offers its mast to lease, as a sector
/// like that site's own; other operators' proposals are left out.
struct OperatorCandidates {
    /// The candidates of the operator's plan, its own first (in the file's order, each naming the operator), then a
    /// sector on each other operator's site on air standing on a mast where the operator has no site.
    let candidates: [PlanCandidate]
    /// Per leased sector's id, the site on air whose mast and radio it takes.
    let hosts: [String: Site]
    /// Every other operator's site on air (those on the operator's masts too): what serves residents besides it.
    let othersOnAir: [Site]

    /// The plan of `name` over `listed` (read from `path`); each leased sector costs `tenantCost`.
    init(operator name: String, listed: [PlanCandidate], tenantCost: Double?, path: String) throws(InputError) {
        let named = Set(listed.compactMap(\.site.networkOperator))
        guard named.contains(name) else {
            throw InputError(
                path: path,
                reason: "no candidate names the operator '\(name)' ("
                    + (named.isEmpty ? "no candidate names an operator" : "the candidates name \(named.sorted().joined(separator: ", "))") + ")"
            )
        }
        var own: [PlanCandidate] = []
        for candidate in listed where (candidate.site.networkOperator ?? name) == name {
            var site = candidate.site
            site.networkOperator = name
            own.append(PlanCandidate(site: site, cost: candidate.cost, kind: candidate.kind, group: candidate.group, groupCapacity: candidate.groupCapacity))
        }
        let onAir = listed.filter { $0.kind == .existing }.map(\.site)
        var sectors: [PlanCandidate] = [], hosts: [String: Site] = [:]
        for mast in SiteMasts.groups(of: onAir) where !mast.contains(where: { (onAir[$0].networkOperator ?? name) == name }) {
            // One name for the mast's sectors, so that they stand on one mast as their hosts do.
            let mastName = mast.lazy.compactMap { onAir[$0].mast }.first ?? onAir[mast[0]].id
            for host in mast.map({ onAir[$0] }) {
                guard let tenantCost else {
                    throw InputError(
                        path: path,
                        reason: "the plan of '\(name)' may lease the masts of other operators' sites on air (\(host.id) of \(host.networkOperator!) first): "
                            + "give the cost of each sector on another operator's mast (--tenant-cost)"
                    )
                }
                var sector = host
                sector.id = "\(name)@\(host.id)"
                sector.networkOperator = name
                sector.mast = mastName
                (sector.pci, sector.psc, sector.bsic) = (nil, nil, nil)
                sectors.append(PlanCandidate(site: sector, cost: tenantCost, kind: .shared, group: nil, groupCapacity: nil))
                hosts[sector.id] = host
            }
        }
        let ids = Set(listed.map(\.site.id))
        if let clash = sectors.first(where: { ids.contains($0.site.id) }) {
            throw InputError(path: path, reason: "a candidate's id '\(clash.site.id)' is the id of the sector '\(name)' would lease on \(hosts[clash.site.id]!.id)'s mast")
        }
        candidates = own + sectors
        self.hosts = hosts
        othersOnAir = onAir.filter { ($0.networkOperator ?? name) != name }
    }
}
