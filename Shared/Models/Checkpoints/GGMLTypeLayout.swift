/// The storage layout of every GGML tensor type a GGUF file may name, so a reader can size and
/// validate tensors whose type this engine does not compute with.
public struct GGMLTypeLayout: Sendable, Equatable {
    /// GGML's type id as written in GGUF tensor infos.
    public let id: UInt32
    /// GGML's name for the type ("Q4_K", "IQ2_XS").
    public let name: String
    /// Elements per block.
    public let blockElements: Int
    /// Bytes per block.
    public let blockBytes: Int

    /// The layout for `id`, or nil when GGML defines no such type.
    public static func forID(_ id: UInt32) -> GGMLTypeLayout? {
        table[id]
    }

    // Sizes from GGML's type traits (ggml.c); ids 4, 5 (removed Q4_2/Q4_3) and 31-33 (removed
    // Q4_0_4_4 and friends, repacked at load time) no longer name a storable type.
    private static let table: [UInt32: GGMLTypeLayout] = {
        let entries: [(UInt32, String, Int, Int)] = [
            (0, "F32", 1, 4), (1, "F16", 1, 2), (2, "Q4_0", 32, 18), (3, "Q4_1", 32, 20),
            (6, "Q5_0", 32, 22), (7, "Q5_1", 32, 24), (8, "Q8_0", 32, 34), (9, "Q8_1", 32, 40),
            (10, "Q2_K", 256, 84), (11, "Q3_K", 256, 110), (12, "Q4_K", 256, 144), (13, "Q5_K", 256, 176),
            (14, "Q6_K", 256, 210), (15, "Q8_K", 256, 292), (16, "IQ2_XXS", 256, 66), (17, "IQ2_XS", 256, 74),
            (18, "IQ3_XXS", 256, 98), (19, "IQ1_S", 256, 50), (20, "IQ4_NL", 32, 18), (21, "IQ3_S", 256, 110),
            (22, "IQ2_S", 256, 82), (23, "IQ4_XS", 256, 136), (24, "I8", 1, 1), (25, "I16", 1, 2),
            (26, "I32", 1, 4), (27, "I64", 1, 8), (28, "F64", 1, 8), (29, "IQ1_M", 256, 56),
            (30, "BF16", 1, 2), (34, "TQ1_0", 256, 54), (35, "TQ2_0", 256, 66), (39, "MXFP4", 32, 17),
        ]
        var table: [UInt32: GGMLTypeLayout] = [:]
        for (id, name, elements, bytes) in entries {
            table[id] = GGMLTypeLayout(id: id, name: name, blockElements: elements, blockBytes: bytes)
        }
        return table
    }()
}
