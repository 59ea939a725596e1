import Coverage
import Foundation
import Planning
import Propagation
import Terrain

/// What each site carries in the busy hour (`--traffic`): the residents it serves — those whose best server among
/// its technology's sites (its operator's, when the sites name operators) it is — and the subscribers among them; their voice traffic and the channels that carries
/// at the grade of service (a 2G site's TRX, against the TRX it has); a 4G or 5G site's carrier air time their data
/// needs, at each cell's rate in `throughput.tif` or `nr_throughput.tif` (with `--throughput`). Each technology is loaded as if it carried all of
/// its residents' traffic: the worst case for every layer.
public struct SiteTraffic: Sendable {
    /// One site's busy hour.
    public struct Load: Sendable, Equatable {
        public let id: String
        public let technology: Technology
        /// The site's operator, when the sites name theirs.
        public let networkOperator: String?
        public let location: GeoPoint
        public let residentsServed: Double
        public let areaServedKm2: Double
        public let subscribers: Double
        public let erlangs: Double
        /// The channels that carry `erlangs` at the grade of service (2G: full-rate traffic channels, its half-rate
        /// calls taking half of one each).
        public let channelsNeeded: Int
        /// 2G: the TRX whose traffic channels are that many.
        public let transceiversNeeded: Int?
        /// 2G: the TRX the site has (`trx`), when given.
        public let transceivers: Int?
        /// 2G with `trx`: the share of calls its traffic channels would block, %.
        public let blockingPercent: Double?
        /// 4G and 5G: the subscribers' busy-hour downlink data, Mbps.
        public let dataMbps: Double?
        /// 4G and 5G with rates (and its bandwidth): the share of the carrier's time that data needs, each cell's at its
        /// own rate, %.
        public let airtimePercent: Double?
        /// 4G and 5G with rates: residents it serves where the rate is nil (SINR under −10 dB): their data never gets through.
        public let residentsWithoutRate: Double?

        /// Whether it cannot carry its busy hour: a 2G site needing more TRX than it has, a 4G or 5G carrier needing
        /// more than all of its time.
        public var isOverloaded: Bool {
            if let transceivers, let transceiversNeeded, transceiversNeeded > transceivers { return true }
            return (airtimePercent ?? 0) > 100
        }
    }

    public let settings: TrafficSettings
    /// Per site, in the run's order.
    public let loads: [Load]

    /// The loads of `sites` (numbered from 1 in `servers`) from each serving layer's best servers, the residents per grid
    /// cell, each cell's area and, with `--throughput`, each cell's 4G and 5G rates (Mbps) by technology.
    init(
        sites: [Site], servers: [ServingLayer: BestServers], residentsPerCell: [Double], cellAreaKm2: Double,
        rates: [Technology: [Float]], settings: TrafficSettings
    ) {
        let count = sites.count
        var residents = [Double](repeating: 0, count: count), cells = [Int](repeating: 0, count: count)
        var airtime = [Double](repeating: 0, count: count), withoutRate = [Double](repeating: 0, count: count)
        let subscribed = sites.map(settings.subscribedShare(of:)), megabitsEach = settings.dataKbps / 1_000
        for (layer, best) in servers {
            for (cell, number) in best.number.enumerated() where number > 0 {
                let site = Int(number) - 1, people = residentsPerCell[cell]
                residents[site] += people
                cells[site] += 1
                guard let rates = rates[layer.technology], people > 0 else { continue }
                let rate = Double(rates[cell])
                if rate > 0 { airtime[site] += people * subscribed[site] * megabitsEach / rate } else { withoutRate[site] += people }
            }
        }
        let grade = settings.blockingPercent / 100, halfRate = settings.halfRatePercent / 100
        loads = sites.indices.map { index in
            let site = sites[index], subscribers = residents[index] * subscribed[index]
            let erlangs = subscribers * settings.voiceMilliErlangs / 1_000
            let gsm = site.technology == .gsm, data = site.technology == .lte || site.technology == .nr
            let channels = gsm
                ? HalfRateErlang.channels(traffic: erlangs, grade: grade, halfRateShare: halfRate)
                : ErlangB.channels(traffic: erlangs, grade: grade)
            let given = gsm ? site.transceivers : nil
            // A carrier without its bandwidth has no rate anywhere (the run warns of it): no air time either.
            let rated = rates[site.technology] != nil && site.resourceBlocks != nil
            return Load(
                id: site.id, technology: site.technology, networkOperator: site.networkOperator, location: site.location, residentsServed: residents[index],
                areaServedKm2: Double(cells[index]) * cellAreaKm2, subscribers: subscribers, erlangs: erlangs,
                channelsNeeded: channels, transceiversNeeded: gsm ? GSMTrafficChannels.transceivers(carrying: channels) : nil,
                transceivers: given,
                blockingPercent: given.map {
                    100 * HalfRateErlang.blocking(traffic: erlangs, channels: GSMTrafficChannels.capacity(transceivers: $0), halfRateShare: halfRate)
                },
                dataMbps: data ? subscribers * megabitsEach : nil,
                airtimePercent: rated ? 100 * airtime[index] : nil, residentsWithoutRate: rated ? withoutRate[index] : nil
            )
        }
        self.settings = settings
    }

    /// `traffic.csv` (and the GeoPackage's `traffic`): a row per site, with its `operator` when the sites name theirs and its
    /// WGS84 `lat` and `lon` (and the point); columns that do not apply to its technology are empty.
    func table(syntheticTerrain: Bool) -> FeatureTable {
        func number(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "" }
        let operators = loads.contains { $0.networkOperator != nil }
        var table = FeatureTable(name: "traffic", crs: wgs84, columns: ["id", "technology"] + (operators ? ["operator"] : []) + [
            "lat", "lon", "residents_served", "area_served_km2", "subscribers", "busy_hour_erlangs", "channels_needed",
            "trx_needed", "trx", "blocking_percent", "data_mbps", "airtime_percent", "residents_without_rate", "overloaded", "synthetic_terrain",
        ], textColumns: ["id", "technology", "operator", "overloaded", "synthetic_terrain"])
        for load in loads {
            table.append([load.id, load.technology.rawValue] + (operators ? [load.networkOperator ?? ""] : []) + [
                number(load.location.latitude, "%.6f"), number(load.location.longitude, "%.6f"),
                number(load.residentsServed, "%.1f"), number(load.areaServedKm2, "%.4f"),
                number(load.subscribers, "%.1f"), number(load.erlangs, "%.3f"), "\(load.channelsNeeded)",
                load.transceiversNeeded.map(String.init) ?? "", load.transceivers.map(String.init) ?? "",
                number(load.blockingPercent, "%.3f"), number(load.dataMbps, "%.3f"), number(load.airtimePercent, "%.2f"),
                number(load.residentsWithoutRate, "%.1f"), load.isOverloaded ? "yes" : "no", syntheticTerrain ? "yes" : "no",
            ], shape: .point(MapPoint(x: load.location.longitude, y: load.location.latitude)))
        }
        return table
    }
}
