import struct Base.Base
import struct Foundation.Date
import Middle

public func declared() -> Base { middle() }
