import CGDAL
import Foundation

/// The bytes of a file, gunzipped when its name ends in `.gz` (through GDAL's `/vsigzip/`).
public func readPossiblyGzipped(_ path: String) throws(InputError) -> Data {
    guard FileManager.default.fileExists(atPath: path) else { throw InputError(path: path, reason: "no such file") }
    guard path.hasSuffix(".gz") else {
        guard let data = readFileBytes(path) else { throw InputError(path: path, reason: "not readable") }
        return data
    }
    registerGDAL()
    CPLErrorReset()
    guard let file = VSIFOpenL("/vsigzip/" + path, "rb") else {
        throw InputError(path: path, reason: "cannot open as gzip: \(lastGDALError(or: "not a gzip file"))")
    }
    defer { VSIFCloseL(file) }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let count = VSIFReadL(&buffer, 1, buffer.count, file)
        if count > 0 { data.append(contentsOf: buffer[0..<count]) }
        if count < buffer.count { break }
    }
    guard CPLGetLastErrorType() != CE_Failure else {
        throw InputError(path: path, reason: "corrupt gzip: \(lastGDALError(or: "read failed"))")
    }
    return data
}
