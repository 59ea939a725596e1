import Coverage
import Foundation
import Geometry
import Terrain

/// The sites as `coverage.kmz` marks them: a point each, described by its radio, what its mast's outage costs and, with
/// `--traffic`, its busy hour; the overloaded ones tinted red.
enum SitePlacemarks {
    static let styles = [
        KMLStyle(id: "site", fill: (0, 0, 0, 0), line: (0, 0, 0, 0), icon: (255, 255, 255, 255)),
        KMLStyle(id: "site-overloaded", fill: (0, 0, 0, 0), line: (0, 0, 0, 0), icon: (215, 25, 28, 255)),
    ]

    /// One placemark per site, in the sites' order; `traffic`'s loads are theirs, in the same order.
    static func placemarks(_ sites: [Site], outages: MastOutages?, traffic: SiteTraffic?) -> [KMLPlacemark] {
        let masts = Dictionary(outages?.masts.flatMap { mast in mast.siteIDs.map { ($0, mast) } } ?? []) { first, _ in first }
        return sites.enumerated().map { index, site in
            var description = String(
                format: "%@, %g MHz, EIRP %.1f dBm, antenna %g m above ground", site.technology.rawValue, site.frequencyMHz,
                site.eirpDBm, site.antennaHeight
            )
            if let mast = masts[site.id] {
                description += String(format: "; mast %@ down: %.0f residents left without coverage", mast.name, mast.loss.residents)
                if let cutOff = mast.cutOff, !cutOff.masts.isEmpty {
                    let count = cutOff.masts.count
                    description += String(format: ", %.0f with the %d %@ it cuts off", cutOff.loss.residents, count, count == 1 ? "mast" : "masts")
                }
            }
            let load = traffic?.loads[index]
            if let load { description += "; busy hour: " + busyHour(load) }
            return KMLPlacemark(
                name: site.id, description: description, style: load?.isOverloaded == true ? "site-overloaded" : "site",
                shape: .point(MapPoint(x: site.location.longitude, y: site.location.latitude))
            )
        }
    }

    /// "5952 residents served, 148.8 Erl on 163 channels, 22 TRX needed (has 2), overloaded".
    private static func busyHour(_ load: SiteTraffic.Load) -> String {
        var parts = [
            String(format: "%.0f residents served", load.residentsServed),
            String(format: "%.1f Erl on %d channels", load.erlangs, load.channelsNeeded),
        ]
        if let needed = load.transceiversNeeded {
            parts.append("\(needed) TRX needed" + (load.transceivers.map { " (has \($0))" } ?? ""))
        }
        if let airtime = load.airtimePercent { parts.append(String(format: "%.1f %% of the carrier's time", airtime)) }
        if load.isOverloaded { parts.append("overloaded") }
        return parts.joined(separator: ", ")
    }
}
