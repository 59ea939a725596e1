#!/usr/bin/env python3
"""Fails when a Swift target imports a module it does not declare as a direct dependency in its Package.swift.

SwiftPM recompiles a target when the modules it declares change, not the ones it reaches through them. A target
that imports a dependency's dependency therefore keeps that module's old struct layouts after an incremental build
when the module in between did not change its interface: the binary then reads and writes structs at the wrong
sizes (an AddressSanitizer stack-buffer-overflow, crashes, or silently wrong values). Clean builds are not affected.

Usage: check-dependencies.py PACKAGE_DIRECTORY...
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile

# Modules of the toolchain and the platform, which SwiftPM does not build.
TOOLCHAIN = {
    "Swift", "Foundation", "FoundationEssentials", "FoundationInternationalization", "FoundationNetworking",
    "FoundationXML", "Dispatch", "Glibc", "Musl", "Darwin", "XCTest", "Testing", "Synchronization", "RegexBuilder",
    "Observation", "Distributed", "_Concurrency", "_StringProcessing",
}
IMPORT = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?import\s+"
    r"(?:(?:struct|class|enum|protocol|typealias|func|var|let)\s+)?(\w+)",
    re.MULTILINE,
)


def declared_dependencies(target):
    """Module names a target lists as its own dependencies (targets by name and products)."""
    return {value[0] for dependency in target["dependencies"] for value in dependency.values()}


def source_folder(package_directory, target):
    if target.get("path"):
        return package_directory / target["path"]
    return package_directory / ("Tests" if target["type"] == "test" else "Sources") / target["name"]


def undeclared_imports(package_directory):
    """One line for each module a target of the package imports without declaring it, naming the first file."""
    # A scratch folder of its own: SwiftPM locks the package's `.build`, which a running `swift test` holds.
    with tempfile.TemporaryDirectory() as scratch:
        manifest = json.loads(subprocess.run(
            ["swift", "package", "--package-path", str(package_directory), "--scratch-path", scratch, "dump-package"],
            check=True, capture_output=True, text=True,
        ).stdout)
    problems = []
    for target in manifest["targets"]:
        if target["type"] in ("system", "binary", "plugin"):
            continue
        allowed = declared_dependencies(target) | TOOLCHAIN | {target["name"]}
        first_importer = {}
        for source in sorted(source_folder(package_directory, target).rglob("*.swift")):
            for module in set(IMPORT.findall(source.read_text(encoding="utf-8"))) - allowed:
                first_importer.setdefault(module, source)
        problems += [f"{package_directory / 'Package.swift'}: target {target['name']} imports {module} "
                     f"({first_importer[module]}) without listing it among its dependencies"
                     for module in sorted(first_importer)]
    return problems


def main(directories):
    problems = [line for directory in directories for line in undeclared_imports(pathlib.Path(directory))]
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print("Declare each imported module as a direct dependency of the target: SwiftPM rebuilds a target only "
              "when its declared dependencies change.", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["."]))
