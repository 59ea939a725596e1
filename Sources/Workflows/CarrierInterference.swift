import Coverage
import Foundation
import Propagation
import Terrain

/// One technology's received power gathered over the grid as sites finish, in any order, for the signal's quality
/// against the other cells on its carrier and those leaking into it (4G's SINR, 5G's SS-SINR, 3G's Ec/Io, 2G's C/I): per cell the
/// server (the site of strongest power, the earlier on a tie) and, per carrier (frequency), the sum of every site's
/// power. Sums are kept in whole units of 1e-18 mW (−180 dBm), so they do not depend on the order sites are added in;
/// a cell's sum saturates at 9.2 mW (+9.6 dBm), far above any received power. Where every 4G site has a PCI, each
/// carrier's sums are kept per reference-signal shift, as cells on one shift send their reference signals on the same
/// subcarriers: PCI mod 3 for cells of two or more antenna ports, whose ports fill every third subcarrier of a
/// reference-signal symbol, and PCI mod 6 for cells of one, which fill every sixth. Where some 4G site gives its own
/// load, each sum is kept a second time with every site's power at its load.
struct CarrierInterference {
    /// The carrier of each site (by its index in the run's list), nil for sites of other technologies.
    private let carrierOfSite: [Int?]
    /// How many sums each carrier keeps: with reference-signal shifts three (PCI mod 3), and six more (PCI mod 6) when
    /// some cell has one antenna port; else one.
    let shiftCount: Int
    /// The sum of each site among its carrier's (0 without shifts): PCI mod 3, or 3 + PCI mod 6 for a cell of one port.
    private let shiftOfSite: [Int]
    /// Per site, its carrier's sums whose cells send reference signals on its own port's, a bit each (its own sum's
    /// among them): the cells of two or more ports on its PCI mod 3 and those of one on its PCI mod 6.
    private let meetingShifts: [UInt16]
    /// Per site, the power it puts on its carrier for each mW its raster gives (3G: its total power over its pilot), 1
    /// elsewhere: its power is summed so weighted.
    private let weightOfSite: [Double]
    /// Per carrier, the other carriers whose power interferes with it and the share that does.
    private let leakage: [[(carrier: Int, share: Double)]]
    /// Per cell, the site of the technology with the strongest power, whether it covers the cell or not.
    private var servers: BestServers
    /// The server's number (1-based, the site list's order), 0 where no site of the technology reaches.
    var server: [Int32] { servers.number }
    private var serverPower: [Float] { servers.power }
    /// Per carrier and shift (`carrier × shiftCount + shift`), each cell's sum.
    private var sums: [[Int64]]
    /// The same sums of each site's power at its own load (`loadOfSite`), when some site gives one; nil otherwise.
    private var loadedSums: [[Int64]]?
    /// Per site, the share of its carrier's resources it fills (for `loadedSums`).
    private let loadOfSite: [Double]
    /// Per carrier, each cell's `slots` strongest powers among the sites covering it (at or above their own threshold),
    /// strongest first, NaN for none: how many crowd the best (`crowding(_:thresholds:)`); none kept with no slots.
    private var strongest: [[Float]]
    private let slots: Int

    /// The unit of the sums, mW.
    static let unitMilliwatts = 1e-18

    /// Bytes per grid cell for `sites` of `technology`: the server and its power, and per carrier a sum (per shift,
    /// twice with sites' own loads) and `slots` powers.
    static func bytesPerCell(sites: [Site], technology: Technology, slots: Int) -> Int {
        let carriers = Set(sites.filter { $0.technology == technology }.map(\.frequencyMHz)).count
        let sums = shiftCount(sites: sites, technology: technology) * (keepsLoadedSums(sites: sites, technology: technology) ? 2 : 1)
        return carriers == 0 ? 0 : BestServers.bytesPerCell + (8 * sums + 4 * slots) * carriers
    }

    /// Whether the sums of `technology` are kept at each site's own load too: 4G and 5G, some site of it giving its own
    /// (3G's loads weigh its sums already, through each site's total power over its pilot).
    private static func keepsLoadedSums(sites: [Site], technology: Technology) -> Bool {
        (technology == .lte || technology == .nr) && sites.contains { $0.technology == technology && $0.loadPercent != nil }
    }

    /// How many sums each carrier of `technology` keeps (`shiftCount`).
    private static func shiftCount(sites: [Site], technology: Technology) -> Int {
        guard hasShifts(sites: sites, technology: technology) else { return 1 }
        return sites.contains { $0.technology == technology && $0.transmitAntennas == 1 } ? 9 : 3
    }

    /// Whether the sums of `technology` go by reference-signal shift: 4G, every site of it with a PCI.
    static func hasShifts(sites: [Site], technology: Technology) -> Bool {
        let members = sites.filter { $0.technology == technology }
        return technology == .lte && !members.isEmpty && members.allSatisfy { $0.pci != nil }
    }

    /// Nil when no site is of `technology`. `slots`: how many of the strongest covering powers each cell keeps per
    /// carrier. `interferingShare`: the share of a carrier's power that interferes with another the given number of MHz
    /// away (none by default: carriers that do not overlap). `weight`: the power a site puts on its carrier for each mW
    /// of its raster's (its raster's alone by default). `load`: the share of its carrier's resources a site fills, for
    /// the sums at each site's load (4G, when some site gives its own).
    init?(
        sites: [Site], technology: Technology, cellCount: Int, slots: Int,
        interferingShare: (_ offsetMHz: Double) -> Double = { _ in 0 }, weight: (Site) -> Double = { _ in 1 },
        load: (Site) -> Double = { _ in 1 }
    ) {
        let frequencies = sites.filter { $0.technology == technology }.map(\.frequencyMHz)
        guard !frequencies.isEmpty else { return nil }
        let carriers = Array(Set(frequencies)).sorted()
        carrierOfSite = sites.map { site in site.technology == technology ? carriers.firstIndex(of: site.frequencyMHz) : nil }
        let shiftCount = Self.shiftCount(sites: sites, technology: technology)
        self.shiftCount = shiftCount
        weightOfSite = sites.map(weight)
        shiftOfSite = sites.map { site in
            let pci = site.pci ?? 0
            return shiftCount == 1 ? 0 : site.transmitAntennas == 1 ? 3 + pci % 6 : pci % 3
        }
        meetingShifts = zip(sites, shiftOfSite).map { site, own in
            shiftCount == 9 ? 1 << ((site.pci ?? 0) % 3) | 1 << (3 + (site.pci ?? 0) % 6) : 1 << own
        }
        leakage = carriers.map { frequency in
            carriers.indices.compactMap { other in
                let share = carriers[other] == frequency ? 0 : interferingShare(carriers[other] - frequency)
                return share > 0 ? (other, share) : nil
            }
        }
        servers = BestServers(cellCount: cellCount)
        sums = Array(repeating: Array(repeating: 0, count: cellCount), count: carriers.count * shiftCount)
        loadOfSite = sites.map(load)
        loadedSums = Self.keepsLoadedSums(sites: sites, technology: technology) ? sums : nil
        self.slots = slots
        strongest = Array(repeating: Array(repeating: .nan, count: cellCount * slots), count: carriers.count)
    }

    /// `weight` times a power, in whole units, rounded, saturating.
    static func units(_ dBm: Float, times weight: Double) -> Int64 {
        let value = (weight * pow(10, Double(dBm) / 10) / unitMilliwatts).rounded()
        return value >= Double(Int64.max) ? .max : Int64(value)
    }

    /// Adds the power of the site numbered `number` (1-based); sites of other technologies add nothing.
    mutating func add(_ coverage: SiteCoverage, number: Int32, gridWidth: Int) {
        guard let carrier = carrierOfSite[Int(number) - 1] else { return }
        let sum = carrier * shiftCount + shiftOfSite[Int(number) - 1]
        let weight = weightOfSite[Int(number) - 1], load = loadOfSite[Int(number) - 1]
        let threshold = Float(coverage.threshold)
        coverage.forEachReachedCell(gridWidth: gridWidth) { value, index in
            Self.add(Self.units(value, times: weight), to: &sums[sum][index])
            if loadedSums != nil { Self.add(Self.units(value, times: load), to: &loadedSums![sum][index]) }
            servers.offer(value, number: number, at: index)
            if slots > 0, value >= threshold { keep(value, carrier: carrier, cell: index) }
        }
    }

    /// Adds `units` to a cell's sum, saturating.
    private static func add(_ units: Int64, to sum: inout Int64) {
        let (total, overflow) = sum.addingReportingOverflow(units)
        sum = overflow ? .max : total
    }

    /// Puts `value` among the cell's strongest covering powers on `carrier`, if it is one of them.
    private mutating func keep(_ value: Float, carrier: Int, cell: Int) {
        let first = cell * slots
        var slot = first + slots - 1
        let weakest = strongest[carrier][slot]
        guard weakest.isNaN || value > weakest else { return }
        while slot > first, strongest[carrier][slot - 1].isNaN || value > strongest[carrier][slot - 1] {
            strongest[carrier][slot] = strongest[carrier][slot - 1]
            slot -= 1
        }
        strongest[carrier][slot] = value
    }

    /// Per cell, how many sites on its server's carrier cover it within `crowding`'s window of the server's power, the
    /// server included — at most the slots kept, so their number means that many or more — where the server covers it
    /// (power at or above `thresholds[n − 1]`, site n's threshold); 0 elsewhere.
    func crowding(_ crowding: ServerCrowding, thresholds: [Double]) -> [UInt16] {
        server.indices.map { index in
            guard serverCovers(index, thresholds: thresholds), let carrier = carrierOfSite[Int(server[index]) - 1] else { return 0 }
            let floor = serverPower[index] - Float(crowding.windowDB), first = index * slots
            return UInt16(strongest[carrier][first..<(first + slots)].prefix { $0 >= floor }.count)
        }
    }

    /// How the other cells' sums count against a server: `factor` times the sums of their power, or of their power at
    /// each one's own load (`loaded`).
    private struct Weighing {
        let factor: Double
        let loaded: Bool
        /// Their whole power.
        static let whole = Weighing(factor: 1, loaded: false)
    }

    /// The other cells at their load: each at its own where sites give theirs (`loadedSums`), else all at `percent`.
    private func atLoad(_ percent: Double) -> Weighing {
        loadedSums != nil ? Weighing(factor: 1, loaded: true) : Weighing(factor: percent / 100, loaded: false)
    }

    /// Each cell's SINR, dB: the server's RSRP against the other sites on its carrier at their load (each site's own,
    /// else the settings') — with shifts, those on the server's shift whole, their reference signals on its own — and
    /// the noise of a resource element; NaN where no site reaches.
    func sinr(_ settings: SINRSettings) -> [Float] {
        quality(countsOwn: false, meeting: shiftCount > 1 ? .whole : atLoad(settings.loadPercent), rest: atLoad(settings.loadPercent)) { _ in
            settings.noiseDBm
        }
    }

    /// Each cell's SINR on the data (PDSCH) resource elements, dB: the server against every other site on its carrier
    /// at its load, whatever its shift, and the noise of a resource element; NaN where no site reaches.
    func dataSINR(_ settings: SINRSettings) -> [Float] {
        quality(countsOwn: false, meeting: atLoad(settings.loadPercent), rest: atLoad(settings.loadPercent)) { _ in settings.noiseDBm }
    }

    /// Each cell's 5G data (PDSCH) SINR, dB: the server against every other site on its carrier at its load (each
    /// site's own, else `settings.nrLoadPercent`) and the noise of a subcarrier of its spacing (`sites[n − 1]`'s for site
    /// n); NaN where no site reaches.
    func nrDataSINR(_ settings: SINRSettings, sites: [Site]) -> [Float] {
        nrQuality(atLoad(settings.nrLoadPercent), settings, sites: sites)
    }

    /// Each cell's 5G SS-SINR, dB: the server's synchronisation signal against every other site's on its carrier whole —
    /// a synchronised network sends its SS/PBCH blocks at the same times on the same subcarriers, whatever its load —
    /// and the noise of one subcarrier of the server's spacing (`sites[n − 1]`'s for site n); NaN where no site reaches.
    func synchronisationSINR(_ settings: SINRSettings, sites: [Site]) -> [Float] {
        nrQuality(.whole, settings, sites: sites)
    }

    /// A 5G server against every other site on its carrier weighed as `others` says, and the noise of a subcarrier of
    /// its own spacing.
    private func nrQuality(_ others: Weighing, _ settings: SINRSettings, sites: [Site]) -> [Float] {
        quality(countsOwn: false, meeting: others, rest: others) { settings.synchronisationNoiseDBm(subcarrierSpacingKHz: sites[$0].subcarrierSpacingKHz) }
    }

    /// Each cell's Ec/Io, dB: the server's pilot (RSCP) against the whole power every cell on its carrier, its own
    /// included, transmits — the sums weighted by each site's total power over its pilot, as `settings` give it
    /// (`totalOverPilot(of:)`) — and the noise over 3.84 MHz; NaN where no site reaches.
    func ecio(_ settings: EcIoSettings) -> [Float] {
        quality(countsOwn: true, meeting: .whole, rest: .whole) { _ in settings.noiseDBm }
    }

    /// Each cell's C/I, dB: the server's carrier against every other site's on the same channel, those one and two
    /// channels away by their rejection, and the noise over 200 kHz; NaN where no site reaches.
    func ci(_ settings: CarrierToInterferenceSettings) -> [Float] {
        quality(countsOwn: false, meeting: .whole, rest: .whole) { _ in settings.noiseDBm }
    }

    /// The server's power over the sums of the sites on its carrier whose reference signals meet its own, weighed as
    /// `meeting` says — the server's own power among them when it `countsOwn` — those on its carrier's other shifts
    /// and the share of the carriers leaking into it, weighed as `rest` says, and the noise `noiseDBm` gives the server
    /// (by its index in the run's sites).
    private func quality(countsOwn: Bool, meeting: Weighing, rest restWeighing: Weighing, noiseDBm: (Int) -> Double) -> [Float] {
        let noise = carrierOfSite.indices.map { pow(10, noiseDBm($0) / 10) }
        let meetingSums = meeting.loaded ? loadedSums! : sums, restSums = restWeighing.loaded ? loadedSums! : sums
        return server.indices.map { index in
            guard let carrier = server[index] == 0 ? nil : carrierOfSite[Int(server[index]) - 1] else { return .nan }
            let number = Int(server[index]) - 1, power = serverPower[index], milliwatts = pow(10, Double(power) / 10)
            var same = countsOwn ? 0 : -Self.units(power, times: meeting.loaded ? loadOfSite[number] : weightOfSite[number])
            var rest = 0.0
            for shift in 0..<shiftCount {
                if meetingShifts[number] & 1 << shift != 0 {
                    Self.add(meetingSums[carrier * shiftCount + shift][index], to: &same)
                } else {
                    rest += Double(restSums[carrier * shiftCount + shift][index])
                }
            }
            for (other, share) in leakage[carrier] {
                for sum in (other * shiftCount)..<((other + 1) * shiftCount) { rest += share * Double(restSums[sum][index]) }
            }
            let interference = (meeting.factor * Double(same) + restWeighing.factor * rest) * Self.unitMilliwatts
            return Float(10 * log10(milliwatts / (interference + noise[number])))
        }
    }

    /// The values of the cells a server covers (power at or above `thresholds[n − 1]`, site n's threshold), all of
    /// them and by server; NaN values are left out.
    func covered(_ values: [Float], thresholds: [Double]) -> CoveredValues {
        var byServer = Array(repeating: [Double](), count: thresholds.count)
        for index in values.indices where !values[index].isNaN && serverCovers(index, thresholds: thresholds) {
            byServer[Int(server[index]) - 1].append(Double(values[index]))
        }
        return CoveredValues(
            all: byServer.joined().sorted(),
            byServer: byServer.indices.filter { !byServer[$0].isEmpty }.map { (number: $0 + 1, values: byServer[$0].sorted()) }
        )
    }

    /// Whether cell `index`'s server covers it: its power at or above `thresholds[n − 1]`, site n's threshold.
    private func serverCovers(_ index: Int, thresholds: [Double]) -> Bool {
        let number = Int(server[index])
        return number > 0 && serverPower[index] >= Float(thresholds[number - 1])
    }

    /// The values of the cells servers cover, all of them and by server, each sorted.
    struct CoveredValues {
        let all: [Double]
        /// By the server's number (1-based, the sites' order), leaving out servers that cover no cell.
        let byServer: [(number: Int, values: [Double])]
    }

    /// The `share` percentile of sorted values, nil for none.
    static func percentile(_ sorted: [Double], _ share: Double) -> Double? {
        sorted.isEmpty ? nil : sorted[min(sorted.count - 1, Int((share * Double(sorted.count)).rounded(.down)))]
    }

    /// The share of sorted values below `limit`, percent; nil for none.
    static func percentUnder(_ sorted: [Double], _ limit: Double) -> Double? {
        sorted.isEmpty ? nil : 100 * Double(sorted.prefix { $0 < limit }.count) / Double(sorted.count)
    }
}
