import CCbc

/// The release of the Cbc library this process runs with, e.g. `2.10.8`.
public var cbcRelease: String { String(cString: Cbc_getVersion()) }
