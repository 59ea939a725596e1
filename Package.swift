// swift-tools-version: 6.1
import PackageDescription

let numerics: Target.Dependency = .product(name: "ComplexModule", package: "swift-numerics")
let crypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")
let yams: Target.Dependency = .product(name: "Yams", package: "Yams")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
    name: "PhuSong",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "phusong", targets: ["phusong"]),
        .executable(name: "phusong-fuzz", targets: ["phusong-fuzz"]),
        .library(name: "Terrain", targets: ["Terrain"]),
        .library(name: "Propagation", targets: ["Propagation"]),
        .library(name: "Coverage", targets: ["Coverage"]),
        .library(name: "Geometry", targets: ["Geometry"]),
        .library(name: "Planning", targets: ["Planning"]),
        .library(name: "Siting", targets: ["Siting"]),
        .library(name: "Workflows", targets: ["Workflows"]),
        .library(name: "Batch", targets: ["Batch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CGDAL", pkgConfig: "gdal", providers: [.apt(["libgdal-dev"])]),
        .systemLibrary(name: "CCbc", pkgConfig: "cbc", providers: [.apt(["coinor-libcbc-dev"])]),
        // Every module a target imports is listed as its own dependency, not left to arrive through another:
        // SwiftPM rebuilds a target only when a listed module changes (Tests/check-dependencies.py, run by make).
        .target(name: "Terrain", dependencies: ["CGDAL", "CPROJ"]),
        .target(name: "Propagation", dependencies: ["Terrain", numerics]),
        .target(name: "Coverage", dependencies: ["Terrain", "Propagation"]),
        .target(name: "Geometry", dependencies: ["Terrain", "Coverage", "CGEOS"]),
        .target(name: "Planning", dependencies: ["Terrain", "Propagation", "Coverage", "Geometry", "CGDAL"]),
        .target(name: "Siting", dependencies: ["Terrain", "CCbc"]),
        .target(
            name: "Workflows",
            dependencies: ["Terrain", "Propagation", "Coverage", "Geometry", "Planning", "Siting", crypto]
        ),
        .target(name: "Batch", dependencies: ["Terrain", "Propagation", "Workflows", "Siting", yams, crypto]),
        .target(name: "FuzzTargets", dependencies: ["Terrain", "Propagation", "Coverage", "Planning", "Siting", "Workflows", "Batch"]),
        .executableTarget(name: "phusong-fuzz", dependencies: ["FuzzTargets"]),
        .executableTarget(
            name: "phusong",
            dependencies: [
                "Terrain", "Propagation", "Coverage", "Planning", "Siting", "Workflows", "Batch", argumentParser,
            ]
        ),
        .testTarget(name: "TerrainTests", dependencies: ["Terrain", "TestSupport"]),
        .testTarget(name: "PropagationTests", dependencies: ["Terrain", "Propagation", "TestSupport"]),
        .testTarget(name: "GeometryTests", dependencies: ["Terrain", "Coverage", "Geometry", "TestSupport"]),
        .testTarget(
            name: "PlanningTests",
            dependencies: ["Terrain", "Propagation", "Coverage", "Geometry", "Planning", "TestSupport"]
        ),
        .testTarget(name: "SitingTests", dependencies: ["Terrain", "Siting", "TestSupport"]),
        .testTarget(
            name: "WorkflowTests",
            dependencies: ["Terrain", "Propagation", "Coverage", "Geometry", "Planning", "Siting", "Workflows", "phusong", "TestSupport"]
        ),
        .testTarget(name: "BatchTests", dependencies: ["Terrain", "Propagation", "Coverage", "Workflows", "Batch", "phusong", "TestSupport"]),
        .testTarget(name: "FuzzTests", dependencies: ["FuzzTargets", "TestSupport"]),
        .testTarget(name: "BuildTests", dependencies: ["TestSupport"]),
        .target(name: "TestSupport", dependencies: ["Terrain"], path: "Tests/TestSupport"),
    ],
    swiftLanguageModes: [.v6]
)
