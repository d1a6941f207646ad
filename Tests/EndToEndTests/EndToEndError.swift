/// A failure of the end-to-end machinery (a service that does not start, a wait that runs out).
struct EndToEndError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
