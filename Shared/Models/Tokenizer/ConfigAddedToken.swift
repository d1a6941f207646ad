/// An added token named by tokenizer_config.json, whose id may still have to be looked up in
/// the vocabulary (named special tokens such as `bos_token` give only their content).
struct ConfigAddedToken {
    let id: Int?
    let content: String
    let special: Bool
    let lstrip: Bool
    let rstrip: Bool
    let normalized: Bool
    let singleWord: Bool
}
