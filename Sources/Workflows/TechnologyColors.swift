import Propagation

extension Technology {
    /// The colour a technology's coverage takes on the maps (the quick-look PNG and `coverage.kmz`): 2G blue, 3G purple,
    /// 4G orange, 5G green.
    var mapColor: (UInt8, UInt8, UInt8) {
        switch self {
        case .gsm: (49, 130, 189)
        case .umts: (117, 107, 177)
        case .lte: (230, 85, 13)
        case .nr: (49, 163, 84)
        }
    }
}
