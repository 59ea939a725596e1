/// A number as text for people and tables: a whole number without a decimal point (`97`, not `97.0`), anything else
/// in the shortest form that reads back as the same Double (`97.25`, `-95.5`).
func numberText(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
}
