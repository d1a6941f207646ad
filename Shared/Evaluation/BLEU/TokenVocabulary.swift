/// Interns tokens by their exact scalars, because Swift `String` equality would merge canonically equivalent tokens that Python keeps apart.
struct TokenVocabulary {
    private var ids: [[UInt32]: Int32] = [:]

    mutating func id(of token: [Unicode.Scalar]) -> Int32 {
        let key = token.map(\.value)
        if let id = ids[key] { return id }
        let id = Int32(ids.count)
        ids[key] = id
        return id
    }
}
