import Benchmark

/// The configuration every tracked benchmark uses: wall clock, CPU time and peak memory, up to 20 iterations in
/// 20 s; a p90 more than 10 % beyond its committed threshold fails `make bench-check`.
public var trackedConfiguration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident], maxDuration: .seconds(20), maxIterations: 20,
        thresholds: [
            .wallClock: .init(relative: [.p90: 10]), .cpuTotal: .init(relative: [.p90: 10]),
            .peakMemoryResident: .init(relative: [.p90: 10]),
        ]
    )
}
