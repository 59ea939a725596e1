// swift-tools-version: 6.1
// A package for Tests/check-dependencies.py's own test: Top imports Base, which reaches it only through Middle.
import PackageDescription

let package = Package(
    name: "UndeclaredImport",
    targets: [
        .target(name: "Base"),
        .target(name: "Middle", dependencies: ["Base"]),
        .target(name: "Top", dependencies: ["Middle"]),
        .target(name: "Declared", dependencies: ["Base", "Middle"]),
    ]
)
