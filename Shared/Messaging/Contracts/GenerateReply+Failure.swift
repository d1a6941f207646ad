import Foundation

extension GenerateReply {
    /// An error reply to `request` from `model`: no completion, the error's code and message, `finish_reason` `error`
    /// (or `deadline` for `deadline_exceeded`).
    public static func failure(to request: UUID, model: String, code: String, message: String, worker: String? = nil) -> GenerateReply {
        GenerateReply(id: request, model: model, finishReason: code == "deadline_exceeded" ? "deadline" : "error",
                      worker: worker, error: ErrorDetail(code: code, message: message))
    }
}
