import CGDAL
import Foundation

/// File sizes of the SRTM `.hgt` layouts: 3″ (1201²), 1″ (3601²) and 1″ above 50° (1801 × 3601), two bytes a cell.
let srtmTileSizes: [Int: String] = [
    1201 * 1201 * 2: "1201×1201", 3601 * 3601 * 2: "3601×3601", 1801 * 3601 * 2: "1801×3601",
]

/// Endings of files taken as elevation tiles when a folder is read as a mosaic.
let elevationFileEndings = [".hgt", ".hgt.zip", ".zip", ".tif", ".tiff", ".vrt", ".img", ".asc", ".dt0", ".dt1", ".dt2"]

/// The path GDAL should open for one elevation file: `.zip` files resolve to their raster member.
func rasterPath(for file: String, shownAs displayPath: String) throws(InputError) -> String {
    let lower = file.lowercased()
    if lower.hasSuffix(".zip") {
        return try zipMemberPath(zip: file, shownAs: displayPath)
    }
    if lower.hasSuffix(".hgt") {
        try checkSRTMTile(named: (file as NSString).lastPathComponent, size: fileSize(file), shownAs: displayPath)
    }
    return file
}

/// An `.hgt` file or zip member must be named by its corner and have one of the SRTM sizes.
private func checkSRTMTile(named name: String, size: Int, shownAs displayPath: String) throws(InputError) {
    try checkSRTMName(name, shownAs: displayPath)
    try checkSRTMSize(size, shownAs: displayPath)
}

/// An `.hgt` holds heights alone: GDAL places it by its file name, which must start with its south-west corner,
/// `N22E105.` (any case; more may follow the dot, as in `N22E105.SRTMGL1.hgt`).
private func checkSRTMName(_ name: String, shownAs displayPath: String) throws(InputError) {
    let characters = Array(name.uppercased())
    let digits = [1, 2, 4, 5, 6].allSatisfy { characters.count > $0 && characters[$0].isASCII && characters[$0].isNumber }
    guard characters.count > 7, "NS".contains(characters[0]), "EW".contains(characters[3]), digits, characters[7] == "." else {
        throw InputError(
            path: displayPath,
            reason: "an SRTM tile is placed by its file name, which must name its south-west corner, as N22E105.hgt does; rename '\(name)'"
        )
    }
}

/// The size in bytes of the file at `path`, through symbolic links (a tile folder of links to a shared cache is
/// common; the link's own size is its target's name); −1 when it cannot be read.
private func fileSize(_ path: String) -> Int {
    var status = stat()
    return stat(path, &status) == 0 ? Int(status.st_size) : -1
}

private func checkSRTMSize(_ size: Int, shownAs displayPath: String) throws(InputError) {
    guard srtmTileSizes[size] == nil else { return }
    let expected = srtmTileSizes.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
    throw InputError(
        path: displayPath,
        reason: "truncated or corrupt SRTM tile: \(size) bytes, expected one of \(expected)"
    )
}

private func zipMemberPath(zip: String, shownAs displayPath: String) throws(InputError) -> String {
    let archive = "/vsizip/" + (zip.hasPrefix("/") ? zip : FileManager.default.currentDirectoryPath + "/" + zip)
    guard let listing = VSIReadDir(archive) else {
        throw InputError(path: displayPath, reason: "not a readable zip archive")
    }
    defer { CSLDestroy(listing) }
    var members: [String] = []
    var index = 0
    while let entry = listing[index] {
        members.append(String(cString: entry))
        index += 1
    }
    let rasters = members.filter { name in
        let lower = name.lowercased()
        return lower.hasSuffix(".hgt") || lower.hasSuffix(".tif") || lower.hasSuffix(".tiff")
    }
    guard rasters.count == 1, let member = rasters.first else {
        let found = members.isEmpty ? "nothing" : members.joined(separator: ", ")
        throw InputError(
            path: displayPath,
            reason: "zip must hold exactly one .hgt or GeoTIFF member, found \(found)"
        )
    }
    let memberPath = archive + "/" + member
    if member.lowercased().hasSuffix(".hgt") {
        guard let file = VSIFOpenL(memberPath, "rb") else {
            throw InputError(path: displayPath, reason: "cannot read zip member \(member)")
        }
        VSIFSeekL(file, 0, SEEK_END)
        let size = Int(VSIFTellL(file))
        VSIFCloseL(file)
        try checkSRTMTile(named: (member as NSString).lastPathComponent, size: size, shownAs: "\(displayPath) (\(member))")
    }
    return memberPath
}

/// Builds an in-memory VRT over every elevation tile in `folder` and returns its XML, which GDAL opens directly.
func mosaicXML(folder: String) throws(InputError) -> String {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    let tiles = names.filter { name in
        let lower = name.lowercased()
        return elevationFileEndings.contains { lower.hasSuffix($0) }
    }
    guard !tiles.isEmpty else {
        throw InputError(path: folder, reason: "folder holds no elevation tiles (\(elevationFileEndings.joined(separator: " ")))")
    }
    var gdalPaths: [String] = []
    for tile in tiles {
        let file = (folder as NSString).appendingPathComponent(tile)
        gdalPaths.append(try rasterPath(for: file, shownAs: file))
    }
    for (tile, gdalPath) in zip(tiles, gdalPaths) {
        _ = try GDALDatasetHandle(gdalPath: gdalPath, displayPath: (folder as NSString).appendingPathComponent(tile))
    }
    return try buildVRT(gdalPaths, folder: folder)
}

private func buildVRT(_ gdalPaths: [String], folder: String) throws(InputError) -> String {
    let words: [String] = ["-resolution", "highest"]
    var arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) }
    arguments.append(nil)
    var sources: [UnsafePointer<CChar>?] = gdalPaths.map { UnsafePointer(strdup($0)) }
    defer {
        arguments.forEach { free($0) }
        sources.forEach { free(UnsafeMutableRawPointer(mutating: $0)) }
    }
    guard let options = GDALBuildVRTOptionsNew(&arguments, nil) else {
        throw InputError(path: folder, reason: "cannot set up the tile mosaic")
    }
    defer { GDALBuildVRTOptionsFree(options) }
    CPLErrorReset()
    var usageError: Int32 = 0
    guard let raw = GDALBuildVRT("", Int32(sources.count), nil, &sources, options, &usageError) else {
        throw InputError(path: folder, reason: "tiles cannot be mosaicked: \(lastGDALError(or: "GDALBuildVRT failed"))")
    }
    let mosaic = GDALDatasetHandle(owning: raw)
    guard let metadata = GDALGetMetadata(mosaic.raw, "xml:VRT"), let xml = metadata[0] else {
        throw InputError(path: folder, reason: "tiles cannot be mosaicked: no VRT description")
    }
    let text = String(cString: xml)
    let used = text.components(separatedBy: "<SourceFilename").count - 1
    guard used == gdalPaths.count else {
        throw InputError(
            path: folder,
            reason: "only \(used) of \(gdalPaths.count) tiles can be mosaicked; tiles must share data type, bands and CRS"
        )
    }
    return text
}
