// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder, which differs between clones.
let engine = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "PhuSongBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(name: "Tracking", dependencies: [.product(name: "Benchmark", package: "benchmark")], path: "Benchmarks/Tracking"),
        .executableTarget(
            name: "Footprint",
            dependencies: [
                "Tracking",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Coverage", package: engine),
                .product(name: "Terrain", package: engine),
                .product(name: "Propagation", package: engine),
                .product(name: "Geometry", package: engine),
            ],
            path: "Benchmarks/Footprint",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Whole jobs, in a target of their own: linking the workflows (and Cbc with them) adds to every benchmark's
        // resident memory in the process.
        .executableTarget(
            name: "Jobs",
            dependencies: [
                "Tracking",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Coverage", package: engine),
                .product(name: "Terrain", package: engine),
                .product(name: "Propagation", package: engine),
                .product(name: "Workflows", package: engine),
            ],
            path: "Benchmarks/Jobs",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Optimizer",
            dependencies: ["Tracking", .product(name: "Benchmark", package: "benchmark"), .product(name: "Siting", package: engine)],
            path: "Benchmarks/Optimizer",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
