import Coverage
import Foundation
import Propagation
import Terrain

/// How a run computes 4G sites' reference-signal SINR (`--sinr`).
public struct SINRSettings: Sendable, Equatable {
    /// The share of resource elements the other cells fill, percent: their interference is their RSRP times this.
    public var loadPercent: Double
    /// The handset receiver's noise figure, dB.
    public var noiseFigureDB: Double

    public init(loadPercent: Double = 100, noiseFigureDB: Double = 7) {
        self.loadPercent = loadPercent
        self.noiseFigureDB = noiseFigureDB
    }

    /// Thermal noise in one resource element (15 kHz) at the handset, dBm: −174 dBm/Hz + 10 log10 15,000 + noise figure.
    public var noiseDBm: Double { -174 + 10 * log10(15_000) + noiseFigureDB }

    /// The loads and noise figures accepted.
    public static let loadRange = 0.0...100, noiseFigureRange = 0.0...20
}

/// The 4G sites' received power gathered over the grid as sites finish, in any order, for the reference signal's SINR:
/// per cell the server (the 4G site of strongest RSRP, the earlier on a tie) and, per carrier (frequency), the sum of
/// every site's power. Sums are kept in whole units of 1e-18 mW (−180 dBm), so they do not depend on the order sites
/// are added in; a cell's sum saturates at 9.2 mW (+9.6 dBm), far above any RSRP.
struct LTESignalQuality {
    /// The carrier of each site (by its index in the run's list), nil for sites other than 4G.
    private let carrierOfSite: [Int?]
    private var serverPower: [Float]
    /// The server's number (1-based, the site list's order), 0 where no 4G site reaches.
    private var server: [Int32]
    private var sums: [[Int64]]

    /// The unit of the sums, mW.
    static let unitMilliwatts = 1e-18

    /// Bytes per grid cell for `sites`: the server and its power, and a sum per carrier.
    static func bytesPerCell(sites: [Site]) -> Int {
        let carriers = Set(sites.filter { $0.technology == .lte }.map(\.frequencyMHz)).count
        return carriers == 0 ? 0 : 8 + 8 * carriers
    }

    /// Nil when no site is 4G.
    init?(sites: [Site], cellCount: Int) {
        let frequencies = sites.filter { $0.technology == .lte }.map(\.frequencyMHz)
        guard !frequencies.isEmpty else { return nil }
        let carriers = Array(Set(frequencies)).sorted()
        carrierOfSite = sites.map { site in site.technology == .lte ? carriers.firstIndex(of: site.frequencyMHz) : nil }
        serverPower = Array(repeating: .nan, count: cellCount)
        server = Array(repeating: 0, count: cellCount)
        sums = Array(repeating: Array(repeating: 0, count: cellCount), count: carriers.count)
    }

    /// A power in whole units, rounded, saturating.
    static func units(_ dBm: Float) -> Int64 {
        let value = (pow(10, Double(dBm) / 10) / unitMilliwatts).rounded()
        return value >= Double(Int64.max) ? .max : Int64(value)
    }

    /// Adds the power of the site numbered `number` (1-based); sites other than 4G add nothing.
    mutating func add(_ coverage: SiteCoverage, number: Int32, gridWidth: Int) {
        guard let carrier = carrierOfSite[Int(number) - 1] else { return }
        for row in 0..<coverage.height {
            for column in 0..<coverage.width {
                let value = coverage.power[row * coverage.width + column]
                guard !value.isNaN else { continue }
                let index = (coverage.row + row) * gridWidth + coverage.column + column
                let (sum, overflow) = sums[carrier][index].addingReportingOverflow(Self.units(value))
                sums[carrier][index] = overflow ? .max : sum
                let serving = serverPower[index]
                if serving.isNaN || value > serving || (value == serving && number < server[index]) {
                    serverPower[index] = value
                    server[index] = number
                }
            }
        }
    }

    /// Each cell's SINR, dB: the server's RSRP against the other sites on its carrier at the settings' load and the
    /// noise of a resource element; NaN where no 4G site reaches.
    func sinr(_ settings: SINRSettings) -> [Float] {
        let noise = pow(10, settings.noiseDBm / 10), load = settings.loadPercent / 100
        return server.indices.map { index in
            guard let carrier = server[index] == 0 ? nil : carrierOfSite[Int(server[index]) - 1] else { return .nan }
            let power = serverPower[index]
            let others = Double(sums[carrier][index] &- Self.units(power)) * Self.unitMilliwatts
            return Float(10 * log10(pow(10, Double(power) / 10) / (load * others + noise)))
        }
    }

    /// The SINR over the cells a 4G server covers (RSRP at or above `thresholds[n − 1]`, site n's threshold).
    func statistics(_ sinr: [Float], thresholds: [Double], settings: SINRSettings) -> FootprintSummary.SignalQuality {
        let covered = sinr.indices.compactMap { index -> Double? in
            let number = Int(server[index])
            guard number > 0, serverPower[index] >= Float(thresholds[number - 1]) else { return nil }
            return Double(sinr[index])
        }.sorted()
        func percentile(_ share: Double) -> Double? {
            covered.isEmpty ? nil : covered[min(covered.count - 1, Int((share * Double(covered.count)).rounded(.down)))]
        }
        return FootprintSummary.SignalQuality(
            loadPercent: settings.loadPercent, noiseFigureDB: settings.noiseFigureDB, noiseDBm: settings.noiseDBm,
            coveredCells: covered.count, medianDB: percentile(0.5), percentile10DB: percentile(0.1),
            percentUnder0DB: covered.isEmpty ? nil : 100 * Double(covered.prefix { $0 < 0 }.count) / Double(covered.count)
        )
    }
}
