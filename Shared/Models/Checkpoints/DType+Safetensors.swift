import Tensor

extension DType {
    /// The element type a safetensors header names ("F32", "F16", "BF16"), or nil for the others.
    public init?(safetensorsName name: String) {
        switch name {
        case "F32": self = .f32
        case "F16": self = .f16
        case "BF16": self = .bf16
        default: return nil
        }
    }

    /// The safetensors spelling of this type, or nil for GGUF's block-quantized types.
    public var safetensorsName: String? {
        switch self {
        case .f32: return "F32"
        case .f16: return "F16"
        case .bf16: return "BF16"
        default: return nil
        }
    }

    /// Position in the safetensors library's dtype enumeration; its writer puts larger ones first.
    var safetensorsOrder: Int {
        switch self {
        case .f32: return 3
        case .bf16: return 2
        case .f16: return 1
        default: return 0
        }
    }
}
