import Planning

/// How a commune is coloured on maps (KMZ, PNG), by the share of its residents any technology covers.
enum CommuneClass: CaseIterable {
    case meetsTarget, majority, minority, uncovered, notJudged

    init(_ commune: UnitStatistics, target: Double) {
        guard commune.isJudged, let percent = commune.figures.residentsPercent("any") else {
            self = .notJudged
            return
        }
        self = percent >= target ? .meetsTarget : percent >= 50 ? .majority : percent > 0 ? .minority : .uncovered
    }

    /// Red, green, blue.
    var color: (UInt8, UInt8, UInt8) {
        switch self {
        case .meetsTarget: (26, 150, 65)
        case .majority: (253, 174, 97)
        case .minority: (215, 48, 39)
        case .uncovered: (110, 0, 20)
        case .notJudged: (150, 150, 150)
        }
    }

    func label(target: Double) -> String {
        switch self {
        case .meetsTarget: "AT OR ABOVE \(Int(target)) PCT"
        case .majority: "50 TO \(Int(target)) PCT"
        case .minority: "BELOW 50 PCT"
        case .uncovered: "NO COVERAGE"
        case .notJudged: "NOT JUDGED"
        }
    }
}
