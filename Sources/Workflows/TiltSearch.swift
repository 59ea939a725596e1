import Coverage
import Foundation
import Propagation
import Terrain

/// The tilt search: each turnable sector in turn takes the aim (tilt, and azimuth when those may turn too), among the
/// candidates and its own as given, that serves the most weight, while a round turns any. A cell is served where a
/// site reaches its threshold or, with a `ServiceQuality`, where its server (the strongest site, the earlier on a tie)
/// does so at that quality.
struct TiltSearch {
    private let sites: [TiltCells]
    /// The antennas as turned so far, and the turnable ones' aims.
    private(set) var antennas: [Antenna]
    private var currentAims: [Aim]
    private let quality: ServiceQuality?
    private let thresholds: [Float]
    /// Each site's carrier: sites on other frequencies do not interfere.
    private let carriers: [Double]
    /// The cells of weight some site reaches (compact numbering): their weights and grid indices.
    private let weights: [Double]
    private let gridCells: [Int]
    /// Per compact cell, its entries `cellStart[c]..<cellStart[c + 1]`: a site reaching it (in the sites' order) and that
    /// site's power there now.
    private let cellStart: [Int]
    private let entrySite: [Int32]
    private var entryPower: [Float]
    private var entryMilliwatts: [Double]
    /// Per site, where it reaches (in the order of its cells): the compact cell and the entry.
    private let siteEntries: [[(cell: Int32, entry: Int32)]]
    private var served: [Bool]
    /// The weight of the cells served.
    private(set) var objective = 0.0

    /// The search over `sites` on a grid of `weights` (one per cell).
    init(sites: [TiltCells], weights gridWeights: [Double], quality: ServiceQuality?) {
        self.sites = sites
        self.quality = quality
        antennas = sites.map(\.site.antenna)
        currentAims = sites.map { site in Aim(tilt: TiltAdjustment(for: site.site.antenna)?.tilt(of: site.site.antenna) ?? 0, azimuthOffset: 0) }
        thresholds = sites.map(\.threshold)
        carriers = sites.map(\.site.frequencyMHz)
        var compact = [Int32](repeating: -1, count: gridWeights.count)
        var gridCells: [Int] = [], counts: [Int] = []
        for site in sites {
            for grid in site.cells {
                if compact[grid] < 0 {
                    compact[grid] = Int32(gridCells.count)
                    gridCells.append(grid)
                    counts.append(0)
                }
                counts[Int(compact[grid])] += 1
            }
        }
        var start = [0]
        for count in counts { start.append(start.last! + count) }
        var next = Array(start.dropLast()), entrySite = [Int32](repeating: 0, count: start.last!)
        siteEntries = sites.enumerated().map { number, site in
            site.cells.map { grid in
                let cell = Int(compact[grid]), entry = next[cell]
                next[cell] += 1
                entrySite[entry] = Int32(number)
                return (Int32(cell), Int32(entry))
            }
        }
        self.gridCells = gridCells
        weights = gridCells.map { gridWeights[$0] }
        cellStart = start
        self.entrySite = entrySite
        entryPower = Array(repeating: .nan, count: entrySite.count)
        entryMilliwatts = Array(repeating: 0, count: entrySite.count)
        served = Array(repeating: false, count: gridCells.count)
        for (number, site) in sites.enumerated() {
            for (index, (_, entry)) in siteEntries[number].enumerated() {
                let power = site.aims.map { Self.aimedPower(site.power[index], $0[index], antenna: antennas[number]) } ?? site.power[index]
                entryPower[Int(entry)] = power
                entryMilliwatts[Int(entry)] = Self.milliwatts(power)
            }
        }
        for cell in gridCells.indices { served[cell] = isServed(rest(of: cell, without: -1)) }
        objective = zip(weights, served).reduce(0) { $0 + ($1.1 ? $1.0 : 0) }
    }

    /// The sites whose tilt may turn.
    var turnable: [Int] { sites.indices.filter { sites[$0].aims != nil } }

    /// Turns sectors, in the sites' order, each to the aim — a tilt of `tilts` within the sector's `tiltRange` (or its
    /// own as given) and an azimuth `azimuthOffsets` degrees from its own as given (0 among them) — that scores best:
    /// the weight it serves, less `turnCost` for a sector off its aim as given — on a tie the azimuth nearest its own,
    /// then the tilt nearest its own, then the lower tilt, then the lower offset — for at most `rounds` rounds, until a
    /// round turns none; returns the rounds run. The score of the whole network (the weight served, less `turnCost` per
    /// sector turned) rises with every turn.
    mutating func run(tilts: [Double], azimuthOffsets: [Double], rounds: Int, turnCost: Double) -> Int {
        for round in 1...max(rounds, 1) {
            var turned = false
            for site in turnable {
                guard let best = bestAim(of: site, tilts: tilts, azimuthOffsets: azimuthOffsets, turnCost: turnCost) else { continue }
                turn(site, to: best.antenna)
                currentAims[site] = best.aim
                turned = true
            }
            if !turned { return round }
        }
        return max(rounds, 1)
    }

    /// The aim of `site` that scores best, and its antenna; nil when that is its aim now.
    private func bestAim(of site: Int, tilts: [Double], azimuthOffsets: [Double], turnCost: Double) -> (aim: Aim, antenna: Antenna)? {
        let given = sites[site].site.antenna, adjustment = TiltAdjustment(for: given)!
        func antenna(_ aim: Aim) -> Antenna {
            var turned = adjustment.antenna(given, tiltedTo: aim.tilt)
            turned.azimuth = (given.azimuth + aim.azimuthOffset + 360).truncatingRemainder(dividingBy: 360)
            return turned
        }
        let asGiven = Aim(tilt: adjustment.tilt(of: given), azimuthOffset: 0), now = currentAims[site]
        func cost(_ aim: Aim) -> Double { aim == asGiven ? 0 : turnCost }
        let allowed = sites[site].site.tiltRange.map { range in tilts.filter(range.contains) } ?? tilts
        let ordered = Set((allowed + [asGiven.tilt]).flatMap { tilt in (azimuthOffsets + [0]).map { Aim(tilt: tilt, azimuthOffset: $0) } })
            .subtracting([now]).sorted { $0.precedes($1, from: asGiven) }
        let changes = changes(turning: site, to: ordered.map(antenna))
        var best = (aim: now, score: 0.0)
        for (candidate, change) in zip(ordered, changes) {
            let score = change - cost(candidate) + cost(now)
            if score > best.score + Self.tolerance || (score >= best.score - Self.tolerance && candidate.precedes(best.aim, from: asGiven)) {
                best = (candidate, score)
            }
        }
        return best.aim == now ? nil : (best.aim, antenna(best.aim))
    }

    /// A sector's aim: its downtilt and how far its azimuth lies from its own as given, degrees.
    private struct Aim: Hashable {
        let tilt: Double
        let azimuthOffset: Double

        /// Whether a tie goes to this aim before `other`: the azimuth nearer `given`'s, the tilt nearer its, the lower
        /// tilt, the lower offset.
        func precedes(_ other: Aim, from given: Aim) -> Bool {
            func order(_ aim: Aim) -> [Double] { [abs(aim.azimuthOffset), abs(aim.tilt - given.tilt), aim.tilt, aim.azimuthOffset] }
            return order(self).lexicographicallyPrecedes(order(other))
        }
    }

    /// Changes of weight smaller than this are taken for rounding.
    static let tolerance = 1e-9

    /// The sum of `values` (one per grid cell) over the cells served, in all and per site: each served cell counts for
    /// the strongest site that reaches its threshold there (with a `ServiceQuality`, the server).
    func servedSum(of values: [Double]) -> (total: Double, bySite: [Double]) {
        var bySite = [Double](repeating: 0, count: sites.count)
        for cell in served.indices where served[cell] {
            var strongest: (site: Int, power: Float)?
            for entry in cellStart[cell]..<cellStart[cell + 1] {
                let site = Int(entrySite[entry]), power = entryPower[entry]
                if power >= thresholds[site], power > strongest?.power ?? -.infinity { strongest = (site, power) }
            }
            if let strongest { bySite[strongest.site] += values[gridCells[cell]] }
        }
        return (bySite.reduce(0, +), bySite)
    }

    /// The change of the objective were `site` aimed with each of `antennas`, its cells shared among the cores. Each
    /// cell's direction off boresight is found once per azimuth among them, however many tilts share it.
    func changes(turning site: Int, to antennas: [Antenna]) -> [Double] {
        let entries = siteEntries[site], unaimed = sites[site].power, aims = sites[site].aims!, block = 4_096
        let azimuths = Array(Set(antennas.map(\.azimuth))).sorted()
        let azimuthOf = antennas.map { antenna in azimuths.firstIndex(of: antenna.azimuth)! }
        let blocks = parallelMap(count: (entries.count + block - 1) / block, chunkSize: 1) { first in
            var changes = [Double](repeating: 0, count: antennas.count)
            var offsets = [(offset: Double, cosine: Double)](repeating: (0, 0), count: azimuths.count)
            for index in (first * block)..<min(entries.count, (first + 1) * block) {
                let cell = Int(entries[index].cell), rest = rest(of: cell, without: site), aim = aims[index]
                for (number, azimuth) in azimuths.enumerated() {
                    let offset = Antenna.offset(of: Double(aim.azimuth), from: azimuth)
                    offsets[number] = (offset, cos(offset * .pi / 180))
                }
                for (candidate, antenna) in antennas.enumerated() {
                    let direction = offsets[azimuthOf[candidate]]
                    let gain = antenna.relativeGain(offset: direction.offset, cosineOfOffset: direction.cosine, elevation: Double(aim.elevation))
                    let power = unaimed[index] + Float(gain)
                    let now = isServed(rest, site: site, power: power, milliwatts: Self.milliwatts(power))
                    if now != served[cell] { changes[candidate] += now ? weights[cell] : -weights[cell] }
                }
            }
            return changes
        }
        return antennas.indices.map { candidate in blocks.reduce(0) { $0 + $1[candidate] } }
    }

    /// Aims `site` with `antenna` for good.
    private mutating func turn(_ site: Int, to antenna: Antenna) {
        for (index, (cell, entry)) in siteEntries[site].enumerated() {
            let power = Self.aimedPower(sites[site].power[index], sites[site].aims![index], antenna: antenna)
            entryPower[Int(entry)] = power
            entryMilliwatts[Int(entry)] = Self.milliwatts(power)
            let now = isServed(rest(of: Int(cell), without: -1))
            if now != served[Int(cell)] { objective += now ? weights[Int(cell)] : -weights[Int(cell)] }
            served[Int(cell)] = now
        }
        antennas[site] = antenna
    }

    /// A turnable site's power of `unaimed` dBm without the pattern, where it has `aim`, with `antenna`.
    private static func aimedPower(_ unaimed: Float, _ aim: TiltAim, antenna: Antenna) -> Float {
        unaimed + Float(antenna.relativeGain(azimuth: Double(aim.azimuth), elevation: Double(aim.elevation)))
    }

    private static func milliwatts(_ dBm: Float) -> Double { pow(10, Double(dBm) / 10) }

    /// What the sites other than one give a cell.
    private struct Rest {
        /// The strongest of them (the earlier on a tie), nil for none.
        var strongest: (site: Int, power: Float, milliwatts: Double)?
        /// Whether any of them reaches its threshold.
        var anyCovers = false
        /// Their power on the left-out site's carrier, and the power on the strongest one's carrier besides its own, mW,
        /// each site's weighted as the quality weighs it.
        var onCarrierOfLeftOut = 0.0
        var onCarrierOfStrongest = 0.0
    }

    /// What the sites other than `leftOut` (−1: none) give compact cell `cell`.
    private func rest(of cell: Int, without leftOut: Int) -> Rest {
        var rest = Rest()
        let entries = cellStart[cell]..<cellStart[cell + 1]
        for entry in entries where Int(entrySite[entry]) != leftOut {
            let site = Int(entrySite[entry]), power = entryPower[entry]
            if power >= thresholds[site] { rest.anyCovers = true }
            if power > rest.strongest?.power ?? -.infinity { rest.strongest = (site, power, entryMilliwatts[entry]) }
            if leftOut >= 0, carriers[site] == carriers[leftOut] { rest.onCarrierOfLeftOut += interfering(entry) }
        }
        if quality != nil, let strongest = rest.strongest {
            for entry in entries where Int(entrySite[entry]) != leftOut && Int(entrySite[entry]) != strongest.site {
                if carriers[Int(entrySite[entry])] == carriers[strongest.site] { rest.onCarrierOfStrongest += interfering(entry) }
            }
        }
        return rest
    }

    /// The power an entry's site puts on its carrier there, mW: its signal weighted as `quality` weighs its site.
    private func interfering(_ entry: Int) -> Double {
        (quality?.weights[Int(entrySite[entry])] ?? 1) * entryMilliwatts[entry]
    }

    /// Whether a cell is served by `rest` and, if given, `site` at `power` (`milliwatts`).
    private func isServed(_ rest: Rest, site: Int = -1, power: Float = -.infinity, milliwatts: Double = 0) -> Bool {
        guard let quality else { return rest.anyCovers || (site >= 0 && power >= thresholds[site]) }
        if site >= 0, power > rest.strongest?.power ?? -.infinity || (power == rest.strongest?.power && site < rest.strongest!.site) {
            return power >= thresholds[site] && quality.isMet(server: site, signal: milliwatts, interference: rest.onCarrierOfLeftOut)
        }
        guard let server = rest.strongest, server.power >= thresholds[server.site] else { return false }
        let turning = site >= 0 && carriers[site] == carriers[server.site] ? quality.weights[site] * milliwatts : 0
        return quality.isMet(server: server.site, signal: server.milliwatts, interference: rest.onCarrierOfStrongest + turning)
    }
}
