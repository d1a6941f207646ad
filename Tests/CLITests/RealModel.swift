import Foundation

/// The real Qwen2.5-Coder-0.5B Q4_K_M file, present only where ../shared/tools/get-real-model.sh ran.
enum RealModel {
    /// Where get-real-model.sh puts it.
    static let path = FileManager.default.homeDirectoryForCurrentUser.path
        + "/.cache/lce/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"

    /// True when the file exists.
    static var isPresent: Bool { FileManager.default.fileExists(atPath: path) }
}
