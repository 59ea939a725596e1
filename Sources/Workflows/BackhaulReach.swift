import Coverage
import Planning
import Propagation
import Terrain

/// How a site reaches a hub (a mast on the fibre network) over hops that work: the fewest hops, and the first of them.
public struct HubReach: Sendable, Equatable {
    public let site: String
    public let isHub: Bool
    /// Hops to the nearest hub (0 for a hub); nil when no chain of working hops reaches one.
    public let hops: Int?
    /// The neighbour the chain goes through first; nil for a hub or a site that reaches none.
    public let nextHop: String?
    /// The hub the chain ends at.
    public let hub: String?
    /// The chain's availability over the year, 100 less its hops' outages; nil without a climate or a chain.
    public let chainAvailabilityPercent: Double?
    /// For a site that reaches no hub: the neighbour reaching one whose hop needs the least raise of this site's mast
    /// alone to clear 0.6 of the first Fresnel zone (with a threshold, its budget closing over free space, as a hop so
    /// cleared nearly does), and that raise in metres; nil otherwise.
    public let tallerMastVia: String?
    public let tallerMastRaiseM: Double?
    /// The sites every chain of working hops from this one to the fibre passes through, nearest first: the outage of
    /// any of them alone cuts it off (`BackhaulDependencies`). Empty for a hub, a site with chains around each of them,
    /// and a site that reaches no hub.
    public let dependsOn: [String]
    /// How many sites depend on this one (list it in their `dependsOn`): those its outage cuts off from the fibre.
    public let sitesCutOff: Int
    /// The sites a working hop joins this one to, in the order of the hops.
    public let workingHops: [String]
}

/// Chains of working hops from every site to the fibre: a hop works when its terrain keeps out of 0.6 of the first
/// Fresnel zone, with a threshold its budget closes, and with an availability target its availability meets it; it
/// carries traffic both ways.
enum BackhaulReach {
    /// The sites flagged `true` (`true`, `yes`, `y` or `1`, in any case) in `field`; refuses other values, naming the site.
    static func hubs(_ entries: [SiteFile.Entry], field: String, sitesPath: String) throws(InputError) -> Set<String> {
        var hubs = Set<String>()
        for entry in entries {
            let value = (entry.attributes[field] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            switch value {
            case "true", "yes", "y", "1": hubs.insert(entry.site.id)
            case "false", "no", "n", "0", "": continue
            default:
                throw InputError(path: sitesPath, reason: "site '\(entry.site.id)': \(field) must be yes or no (true/false, 1/0), not '\(value)'")
            }
        }
        guard !hubs.isEmpty else { throw InputError(path: sitesPath, reason: "no site is a hub in \(field)") }
        return hubs
    }

    /// Each site's shortest chain of working hops to a hub, breadth first from every hub at once. Among neighbours as
    /// few hops from a hub, a site goes through the one its hop clears best (the largest Fresnel fraction).
    /// `availabilityTarget` (%) leaves out the hops available less of the year. The hops are at `frequencyMHz`.
    static func reach(sites: [Site], hubs: Set<String>, hops: [Hop], frequencyMHz: Double, availabilityTarget: Double? = nil) -> [HubReach] {
        var neighbours: [String: [(id: String, fraction: Double, outage: Double?)]] = [:]
        let ids = sites.map(\.id)
        func carries(_ hop: Hop) -> Bool {
            hop.budget?.closes != false && (availabilityTarget.map { (hop.availability?.availabilityPercent ?? 100) >= $0 } ?? true)
        }
        for hop in hops where hop.fresnel.clears60Percent && carries(hop) {
            let availability = hop.availability?.availabilityPercent
            let fraction = hop.fresnel.worstFraction ?? .infinity, outage = availability.map { 100 - $0 }
            neighbours[hop.from.id, default: []].append((hop.to.id, fraction, outage))
            neighbours[hop.to.id, default: []].append((hop.from.id, fraction, outage))
        }
        var found: [String: (hops: Int, next: String?, hub: String, fraction: Double, outage: Double?)] = [:]
        var layer = ids.filter(hubs.contains)
        let climate = hops.contains { $0.availability != nil }
        for id in layer { found[id] = (0, nil, id, .infinity, climate ? 0 : nil) }
        var distance = 0
        while !layer.isEmpty {
            distance += 1
            var next: [String] = []
            for id in layer {
                let chain = found[id]!
                for (neighbour, fraction, outage) in neighbours[id] ?? [] {
                    if let known = found[neighbour], known.hops < distance || known.fraction >= fraction { continue }
                    if found[neighbour] == nil { next.append(neighbour) }
                    let chainOutage = chain.outage.flatMap { total in outage.map { total + $0 } }
                    found[neighbour] = (distance, id, chain.hub, fraction, chainOutage)
                }
            }
            layer = next
        }
        // The cheapest taller mast for each site left out: over its hops to a site that reaches a hub whose budget
        // would close in free space, the least raise of its own end alone.
        func closesWhenClear(_ hop: Hop) -> Bool {
            guard let budget = hop.budget, let margin = budget.marginDB, let loss = hop.lossDB else { return hop.budget?.thresholdDBm == nil }
            return margin + loss - freeSpaceLoss(distance: hop.lengthM, frequencyMHz: frequencyMHz) >= 0
        }
        var taller: [String: (via: String, raise: Double)] = [:]
        for hop in hops where closesWhenClear(hop) {
            for (own, other, raise) in [(hop.from.id, hop.to.id, hop.fresnel.raiseFromM), (hop.to.id, hop.from.id, hop.fresnel.raiseToM)]
            where found[own] == nil && found[other] != nil && raise < (taller[own]?.raise ?? .infinity) {
                taller[own] = (other, raise)
            }
        }
        let dependencies = BackhaulDependencies.dependencies(sites: ids, hubs: hubs, neighbours: neighbours.mapValues { $0.map(\.id) })
        let cutOff = dependencies.joined().reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        return zip(sites, dependencies).map { site, dependsOn in
            let entry = found[site.id]
            return HubReach(
                site: site.id, isHub: hubs.contains(site.id), hops: entry?.hops, nextHop: entry?.next, hub: entry?.hub,
                chainAvailabilityPercent: entry?.outage.map { max(0, 100 - $0) }, tallerMastVia: taller[site.id]?.via,
                tallerMastRaiseM: taller[site.id]?.raise, dependsOn: dependsOn, sitesCutOff: cutOff[site.id] ?? 0,
                workingHops: neighbours[site.id]?.map(\.id) ?? []
            )
        }
    }

    /// `reach.csv`: a row per site, in the site file's order.
    static func csv(_ reach: [HubReach]) -> String {
        let rows = reach.map { entry in
            [csvField(entry.site), entry.isHub ? "true" : "false", entry.hops.map(String.init) ?? "",
             csvField(entry.nextHop ?? ""), csvField(entry.hub ?? ""),
             entry.chainAvailabilityPercent.map { String(format: "%.6f", $0) } ?? "", csvField(entry.tallerMastVia ?? ""),
             entry.tallerMastRaiseM.map { String(format: "%.1f", $0) } ?? "", csvField(entry.dependsOn.joined(separator: ";")),
             String(entry.sitesCutOff), csvField(entry.workingHops.joined(separator: ";"))].joined(separator: ",")
        }
        let header = "id,hub,hops_to_hub,next_hop,hub_reached,chain_availability_percent,taller_mast_via,taller_mast_raise_m,depends_on,"
            + "sites_cut_off,working_hops"
        return ([header] + rows).joined(separator: "\n") + "\n"
    }
}
