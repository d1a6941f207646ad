/// What the configuration hash covers for one variant: the shared settings, the dataset's identity, the
/// model file's name and size, and the variant. Paths are left out so a moved file keeps its hash.
struct VariantConfiguration: Encodable {
    let settings: ComparisonSettings
    let dataset: String
    let datasetDigest: String
    let tasks: Int
    let modelFile: String
    let modelBytes: Int64?
    let variant: String
}
