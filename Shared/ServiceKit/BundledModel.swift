import Foundation

/// Where the bundled default model is found when no other model is named: `$LCE_DEFAULT_MODEL`,
/// else `<LCE_HOME>/models/default` (the demo and the Docker image put it there).
public enum BundledModel {
    /// The default model's directory.
    public static func path(environment: ServiceEnvironment,
                            processEnvironment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = processEnvironment["LCE_DEFAULT_MODEL"], !explicit.isEmpty { return explicit }
        return environment.lceHome + "/models/default"
    }
}
