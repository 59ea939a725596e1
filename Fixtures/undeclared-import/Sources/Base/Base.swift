public struct Base {
    public let value: Int
    public init(value: Int) { self.value = value }
}
