// swift-tools-version: 6.1
import PackageDescription

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
        .target(name: "Terrain", dependencies: ["CGDAL", "CPROJ"]),
        .target(
            name: "Propagation",
            dependencies: ["Terrain", .product(name: "ComplexModule", package: "swift-numerics")]
        ),
        .target(name: "Coverage", dependencies: ["Propagation"]),
        .target(name: "Geometry", dependencies: ["Coverage", "CGEOS"]),
        .target(name: "Planning", dependencies: ["Geometry", "CGDAL"]),
        .target(name: "Siting", dependencies: ["Terrain", "CCbc"]),
        .target(name: "Workflows", dependencies: ["Planning", "Siting", .product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "Batch",
            dependencies: ["Workflows", "Siting", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "FuzzTargets", dependencies: ["Batch", "Workflows", "Siting"]),
        .executableTarget(name: "phusong-fuzz", dependencies: ["FuzzTargets"]),
        .executableTarget(
            name: "phusong",
            dependencies: ["Workflows", "Siting", "Batch", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "TerrainTests", dependencies: ["Terrain", "TestSupport"]),
        .testTarget(name: "PropagationTests", dependencies: ["Propagation", "TestSupport"]),
        .testTarget(name: "GeometryTests", dependencies: ["Geometry", "TestSupport"]),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "TestSupport"]),
        .testTarget(name: "SitingTests", dependencies: ["Siting", "TestSupport"]),
        .testTarget(name: "WorkflowTests", dependencies: ["Workflows", "phusong", "TestSupport"]),
        .testTarget(name: "BatchTests", dependencies: ["Batch", "phusong", "TestSupport"]),
        .testTarget(name: "FuzzTests", dependencies: ["FuzzTargets", "TestSupport"]),
        .target(name: "TestSupport", dependencies: ["Terrain"], path: "Tests/TestSupport"),
    ],
    swiftLanguageModes: [.v6]
)
