import CGDAL

/// Writes a zip archive of named text entries with GDAL's CPL zip support (e.g. a KMZ: `doc.kml`).
public func writeZip(path: String, entries: [(name: String, text: String)]) throws(InputError) {
    registerGDAL()
    CPLErrorReset()
    guard let zip = CPLCreateZip(path, nil) else {
        throw InputError(path: path, reason: "cannot create zip: \(lastGDALError(or: "unknown error"))")
    }
    var status = CE_None
    for entry in entries where status == CE_None {
        status = CPLCreateFileInZip(zip, entry.name, nil)
        guard status == CE_None else { break }
        var bytes = Array(entry.text.utf8)
        status = CPLWriteFileInZip(zip, &bytes, Int32(bytes.count))
        let closed = CPLCloseFileInZip(zip)
        if status == CE_None { status = closed }
    }
    let closed = CPLCloseZip(zip)
    guard status == CE_None, closed == CE_None else {
        throw InputError(path: path, reason: "cannot write zip: \(lastGDALError(or: "unknown error"))")
    }
}
