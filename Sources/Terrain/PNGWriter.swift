import CGDAL

/// Writes an 8-bit RGB image (row-major, 3 bytes per pixel) as PNG, through GDAL's PNG driver.
public func writePNG(path: String, width: Int, height: Int, rgb: [UInt8]) throws(InputError) {
    precondition(rgb.count == width * height * 3, "image needs width × height × 3 bytes")
    registerGDAL()
    CPLErrorReset()
    guard let memory = GDALGetDriverByName("MEM"), let png = GDALGetDriverByName("PNG"),
        let image = GDALCreate(memory, "", Int32(width), Int32(height), 3, GDT_Byte, nil)
    else { throw InputError(path: path, reason: "cannot create image: \(lastGDALError(or: "GDAL drivers missing"))") }
    defer { GDALClose(image) }
    for band in 0..<3 {
        var plane = [UInt8](repeating: 0, count: width * height)
        for index in plane.indices { plane[index] = rgb[index * 3 + band] }
        let status = GDALRasterIO(
            GDALGetRasterBand(image, Int32(band + 1)), GF_Write, 0, 0, Int32(width), Int32(height), &plane,
            Int32(width), Int32(height), GDT_Byte, 0, 0
        )
        guard status == CE_None else { throw InputError(path: path, reason: "cannot fill image: \(lastGDALError(or: "write failed"))") }
    }
    guard let written = GDALCreateCopy(png, path, image, 0, nil, nil, nil) else {
        throw InputError(path: path, reason: "cannot write PNG: \(lastGDALError(or: "unknown error"))")
    }
    GDALClose(written)
}
