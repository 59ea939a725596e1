/// How a run counts the servers crowding each cell: the sites on its best server's frequency that cover it within
/// `windowDB` of the best, the best included, up to one more than `limit` — more than `limit` pollute the cell, as more
/// 3G pilots than a handset's active set holds do, or more 4G cells than a few within some dB of the best RSRP.
public struct ServerCrowding: Sendable, Equatable {
    public var windowDB: Double
    public var limit: Int

    public init(windowDB: Double, limit: Int) {
        self.windowDB = windowDB
        self.limit = limit
    }

    /// How many of each cell's strongest covering powers a run keeps per frequency: enough to tell a polluted cell.
    var slots: Int { limit + 1 }

    /// The windows and limits accepted.
    public static let windowRange = 1.0...15, limitRange = 1...6
}
