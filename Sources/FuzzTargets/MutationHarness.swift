import Foundation
import Siting

/// A seeded random-mutation fuzzer, for where libFuzzer is not built (the test suite, CI's smoke runs): each
/// execution takes a seed input and applies one to eight random mutations — byte flips, bytes set to values
/// parsers care about, insertions, deletions, duplicated or truncated ranges, splices of another seed. The same
/// seed gives the same inputs, so a crash at execution N is reproduced by running N again.
public struct MutationHarness {
    public let target: FuzzTarget
    public let seeds: [Data]

    public init(target: FuzzTarget, seeds: [Data]) {
        self.target = target
        self.seeds = seeds.isEmpty ? [Data()] : seeds
    }

    /// Runs `count` executions from `seed` in `folder`; `progress` hears every 10,000th.
    public func run(count: Int, seed: UInt64, in folder: String, progress: (Int) -> Void = { _ in }) {
        var random = SplitMix(seed: seed)
        for execution in 1...max(1, count) {
            target.run(mutated(&random), in: folder)
            if execution % 10_000 == 0 { progress(execution) }
        }
    }

    /// Bytes parsers of text, JSON, YAML, CSV and rasters treat specially.
    private static let interesting: [UInt8] = Array("{}[]\",:-.0123456789eE\n\r\t #'\\/".utf8) + [0, 0x7f, 0x80, 0xff, 0xc3, 0xe2]

    func mutated(_ random: inout SplitMix) -> Data {
        var bytes = [UInt8](seeds[random.below(seeds.count)])
        for _ in 0..<(1 + random.below(8)) {
            let position = bytes.isEmpty ? 0 : random.below(bytes.count)
            switch random.below(7) {
            case 0 where !bytes.isEmpty: bytes[position] ^= UInt8(1 << random.below(8))
            case 1 where !bytes.isEmpty: bytes[position] = Self.interesting[random.below(Self.interesting.count)]
            case 2: bytes.insert(contentsOf: (0..<(1 + random.below(4))).map { _ in Self.interesting[random.below(Self.interesting.count)] }, at: position)
            case 3 where !bytes.isEmpty: bytes.removeSubrange(position..<min(bytes.count, position + 1 + random.below(16)))
            case 4 where !bytes.isEmpty:
                let end = min(bytes.count, position + 1 + random.below(64))
                bytes.insert(contentsOf: bytes[position..<end], at: random.below(bytes.count))
            case 5: bytes.removeSubrange(min(bytes.count, position)...)
            default:
                let other = [UInt8](seeds[random.below(seeds.count)])
                if !other.isEmpty { bytes = Array(bytes.prefix(position)) + other[random.below(other.count)...] }
            }
        }
        return Data(bytes)
    }
}
