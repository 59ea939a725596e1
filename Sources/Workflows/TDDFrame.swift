/// A TDD carrier's slot pattern (`--nr-tdd-pattern`): its downlink (D), special (S) and uplink (U) slots, repeated, and
/// the downlink symbols of each special slot's fourteen — what share of the carrier's time carries the downlink.
/// `DDDSU:10`, three downlink slots, a special slot of 10 downlink symbols (then guard and uplink, 10:2:2) and an uplink
/// slot, gives 74.3 %; `D` alone is an FDD carrier's downlink, all of its time.
public struct TDDFrame: Sendable, Equatable {
    /// The slots, D, S or U each.
    public let slots: String
    /// The downlink symbols of a special slot, of 14.
    public let specialDownlinkSymbols: Int

    /// The pattern most mid-band (n78) networks use: DDDSU, special slot 10:2:2.
    public static let `default` = TDDFrame(validSlots: "DDDSU", specialDownlinkSymbols: 10)
    /// The most slots a pattern may have (two periods of 10 ms at 30 kHz spacing).
    public static let maximumSlots = 40
    /// The downlink symbols a special slot may have: at least one of its 14 is the guard.
    public static let specialDownlinkRange = 0...13

    private init(validSlots: String, specialDownlinkSymbols: Int) {
        slots = validSlots
        self.specialDownlinkSymbols = specialDownlinkSymbols
    }

    /// Reads `SLOTS` or `SLOTS:N` (letters D, S and U; N the special slots' downlink symbols, 10 when not given),
    /// throwing what is wrong with it.
    public init(parsing text: String) throws(TDDFrameError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let slots = parts[0].uppercased()
        guard parts.count <= 2, !slots.isEmpty, slots.allSatisfy({ "DSU".contains($0) }) else {
            throw TDDFrameError("'\(text)' is not a TDD pattern: slots D, S and U (e.g. DDDSU), then optionally :N, a special slot's downlink symbols")
        }
        guard slots.count <= Self.maximumSlots else { throw TDDFrameError("'\(text)' has \(slots.count) slots, more than \(Self.maximumSlots)") }
        var symbols = Self.default.specialDownlinkSymbols
        if parts.count == 2 {
            guard let given = Int(parts[1]), Self.specialDownlinkRange.contains(given) else {
                throw TDDFrameError("'\(parts[1])' in '\(text)' is not a special slot's downlink symbols (a whole number 0–13)")
            }
            symbols = given
        }
        guard slots.contains("D") || (slots.contains("S") && symbols > 0) else {
            throw TDDFrameError("'\(text)' has no downlink symbol")
        }
        self.init(validSlots: slots, specialDownlinkSymbols: symbols)
    }

    /// The share of the carrier's symbols that carry the downlink, 0–1.
    public var downlinkShare: Double {
        let downlink = slots.filter { $0 == "D" }.count * 14 + slots.filter { $0 == "S" }.count * specialDownlinkSymbols
        return Double(downlink) / Double(14 * slots.count)
    }

    /// The pattern as given back: `DDDSU:10`, or the slots alone without a special slot.
    public var text: String { slots.contains("S") ? "\(slots):\(specialDownlinkSymbols)" : slots }
}

/// Why a TDD pattern was refused.
public struct TDDFrameError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
