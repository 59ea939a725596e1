import TestSupport

/// Neighbour relations drawn at random among `masts` masts of `sectors` sectors each: the sectors of a mast related
/// both ways with 0–500 cells, each pair of sectors on different masts with probability `share`, with 1–500 cells.
func randomRelations(
    masts: Int, sectors: ClosedRange<Int>, share: Double, random: inout SeededGenerator
) -> (sites: Int, relations: [(Int, Int, Int)], onOneMast: [(Int, Int)]) {
    var mastOf: [Int] = []
    for mast in 0..<masts { mastOf += Array(repeating: mast, count: Int.random(in: sectors, using: &random)) }
    var relations: [(Int, Int, Int)] = [], onOneMast: [(Int, Int)] = []
    for source in mastOf.indices {
        for target in mastOf.indices where target != source {
            if mastOf[source] == mastOf[target] {
                onOneMast.append((source, target))
                relations.append((source, target, Int.random(in: 0...500, using: &random)))
            } else if Double.random(in: 0..<1, using: &random) < share {
                relations.append((source, target, Int.random(in: 1...500, using: &random)))
            }
        }
    }
    return (mastOf.count, relations, onOneMast)
}
