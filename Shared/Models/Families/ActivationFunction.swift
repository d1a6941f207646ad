import Tensor

/// The feed-forward nonlinearities the families use, named as config.json's activation_function spells them.
public enum ActivationFunction: String, Codable, Sendable {
    /// max(0, x) (OPT).
    case relu
    /// The exact erf form.
    case gelu
    /// GPT-2's tanh approximation.
    case geluNew = "gelu_new"
    /// The same tanh approximation under PyTorch's name.
    case geluPytorchTanh = "gelu_pytorch_tanh"
    /// x · sigmoid(x).
    case silu

    /// Applies the function in place to `count` floats.
    public func forward(_ x: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .relu: Kernels.relu(x, count: count)
        case .gelu: Kernels.gelu(x, count: count)
        case .geluNew, .geluPytorchTanh: Kernels.geluTanh(x, count: count)
        case .silu: Kernels.silu(x, count: count)
        }
    }
}
