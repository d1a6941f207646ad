import Foundation
import Testing
@testable import Training

/// adapter_config.json as PEFT writes and reads it.
struct AdapterConfigTests {
    @Test func readsTheConfigPEFTWrites() throws {
        let config = try AdapterConfig.read(directory: Fixture.path("peft_qwen2_adapter"))
        #expect(config.r == 4)
        #expect(config.loraAlpha == 8)
        #expect(abs(config.loraDropout - 0.05) < 1e-12)
        // PEFT writes target_modules from a Python set, in no fixed order.
        guard case .names(let names) = config.targetModules else { Issue.record("target_modules is not a list"); return }
        #expect(names.sorted() == ["q_proj", "v_proj"])
        #expect(!config.useRSLoRA && !config.fanInFanOut)
        #expect(config.scaling == 2)
        #expect(config.baseModelNameOrPath == nil)
    }

    @Test func writtenConfigReadsBackEqual() throws {
        let config = AdapterConfig(r: 16, loraAlpha: 32, loraDropout: 0.1, targetModules: .allLinear, useRSLoRA: true,
                                   fanInFanOut: true, baseModelNameOrPath: "models/tiny")
        let again = try AdapterConfig(json: try config.jsonData())
        #expect(again == config)
        #expect(abs(again.scaling - 8) < 1e-6)  // rsLoRA: 32 / √16
    }

    @Test func writtenConfigHasPEFTsFieldNames() throws {
        let data = try AdapterConfig(r: 8, loraAlpha: 16, targetModules: .names(["q_proj"])).jsonData()
        let fields = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(fields["peft_type"] as? String == "LORA")
        #expect(fields["task_type"] as? String == "CAUSAL_LM")
        #expect(fields["bias"] as? String == "none")
        #expect(fields["lora_alpha"] as? Int == 16)
        #expect(fields["target_modules"] as? [String] == ["q_proj"])
        #expect(fields["use_rslora"] as? Bool == false)
        #expect(fields["fan_in_fan_out"] as? Bool == false)
    }

    @Test func doraIsRefusedNamingTheField() {
        let json = #"{"peft_type": "LORA", "r": 8, "lora_alpha": 16, "target_modules": ["q_proj"], "use_dora": true}"#
        #expect(throws: TrainingError.invalidAdapter("adapter_config.json: use_dora is true; DoRA adapters are not supported")) {
            try AdapterConfig(json: Data(json.utf8))
        }
    }

    @Test func otherPEFTTypesAreRefused() {
        let json = #"{"peft_type": "IA3", "r": 8, "target_modules": ["q_proj"]}"#
        #expect(throws: TrainingError.invalidAdapter("adapter_config.json: peft_type is IA3; only LORA adapters are supported")) {
            try AdapterConfig(json: Data(json.utf8))
        }
    }

    @Test func stringTargetIsARegularExpressionUnlessAllLinear() throws {
        let regex = try AdapterConfig(json: Data(#"{"r": 2, "target_modules": ".*\\.q_proj"}"#.utf8))
        #expect(regex.targetModules == .pattern(".*\\.q_proj"))
        let all = try AdapterConfig(json: Data(#"{"r": 2, "target_modules": "all-linear"}"#.utf8))
        #expect(all.targetModules == .allLinear)
    }
}
