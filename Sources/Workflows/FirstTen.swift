/// The first ten of `items`, comma-separated, and "…" after them when there are more: a list for a warning or an error.
package func firstTen(_ items: [String]) -> String {
    items.prefix(10).joined(separator: ", ") + (items.count > 10 ? ", …" : "")
}
