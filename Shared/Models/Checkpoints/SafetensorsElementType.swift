/// The element types the safetensors format defines, with their sizes, so any file's offsets can be validated.
enum SafetensorsElementType {
    /// Bytes per element for every whole-byte safetensors dtype; nil for names the format does not define
    /// (and for the sub-byte F4/F6 types, whose packing this reader does not handle).
    static func elementBytes(_ name: String) -> Int? {
        switch name {
        case "BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0": return 1
        case "I16", "U16", "F16", "BF16": return 2
        case "I32", "U32", "F32": return 4
        case "I64", "U64", "F64", "C64": return 8
        default: return nil
        }
    }

    /// True for dtypes the format defines that this reader cannot size.
    static func isSubByte(_ name: String) -> Bool {
        name == "F4" || name == "F6_E2M3" || name == "F6_E3M2"
    }
}
