import Foundation

/// The Hugging Face files of a pre-trained model besides weights and tokenizer: config.json
/// (LlamaForCausalLM), generation_config.json and the model card.
struct PretrainedModelFiles {
    /// How far the run that wrote the files had got.
    enum Status { case finished, stopped, checkpoint }

    let options: PretrainingOptions
    let endOfTextID: Int
    let paddingID: Int?

    /// config.json for transformers' LlamaForCausalLM with a tied head, key-sorted.
    func configJSON() throws -> Data {
        var config: [String: Any] = [
            "architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": options.vocabularySize,
            "hidden_size": options.hidden, "intermediate_size": options.resolvedFFNWidth,
            "num_hidden_layers": options.layers, "num_attention_heads": options.heads, "num_key_value_heads": options.heads,
            "head_dim": options.hidden / options.heads, "max_position_embeddings": options.context,
            "rms_norm_eps": Double(PretrainingJob.rmsNormEps), "rope_theta": Double(PretrainingJob.ropeTheta),
            "rope_scaling": NSNull(), "tie_word_embeddings": true, "hidden_act": "silu", "attention_bias": false,
            "attention_dropout": 0.0, "mlp_bias": false, "initializer_range": 0.02, "pretraining_tp": 1,
            "torch_dtype": "float32", "use_cache": true, "bos_token_id": endOfTextID, "eos_token_id": endOfTextID,
        ]
        if let paddingID { config["pad_token_id"] = paddingID }
        return try JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// generation_config.json: greedy by default, stopping at end of text.
    func generationConfigJSON() throws -> Data {
        let config: [String: Any] = ["bos_token_id": endOfTextID, "eos_token_id": endOfTextID, "do_sample": false,
                                     "max_length": options.context]
        return try JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted, .sortedKeys])
    }

    /// The model card: what the model is, the corpus and its license, the command and the figures.
    func readme(report: PretrainingReport, command: String, corpusRoot: String, licenseCopied: Bool, status: Status) -> String {
        func f(_ x: Float) -> String { String(format: "%.4f", Double(x)) }
        func duration(_ s: Double) -> String { s < 120 ? String(format: "%.1f s", s) : String(format: "%.1f min", s / 60) }
        var curve = "| step | train loss | validation loss |\n|---:|---:|---:|\n"
        for point in report.curve {
            curve += "| \(point.step) | \(f(point.trainLoss)) | \(f(point.validationLoss)) |\n"
        }
        let note: String
        switch status {
        case .finished: note = ""
        case .stopped:
            note = "\nThe run stopped after step \(report.steps) of its \(options.steps)-step schedule, as `--stop-after` asked; the learning rate had decayed to \(String(format: "%.2e", options.learningRate * LearningRateSchedule(decay: .cosine, warmupSteps: options.warmupSteps, totalSteps: options.steps).multiplier(atStep: report.steps))).\n"
        case .checkpoint:
            note = "\n**This card was written at a checkpoint (step \(report.steps) of \(options.steps)); the run had not finished.**\n"
        }
        return """
        ---
        license: psf-2.0
        library_name: transformers
        pipeline_tag: text-generation
        tags: [code, python, llama, lce]
        ---

        # lce default model: a tiny Python code model

        A \(report.parameters)-parameter LLaMA-style decoder (LlamaForCausalLM: RMSNorm, rotary positions,
        SwiGLU, tied embeddings) pre-trained from scratch by lce, in Swift on CPU, on the Python standard
        library, with a byte-level BPE tokenizer (GPT-2 pre-tokenizer, \(report.vocabularySize) tokens) that lce
        trained on the same files. It is small and writes recognisable Python; it is the model lce's demo and
        tests use when no other model is named, not a useful assistant.
        \(note)
        ## Architecture

        | field | value |
        |---|---|
        | layers | \(options.layers) |
        | hidden size | \(options.hidden) |
        | heads (q = kv) | \(options.heads) |
        | feed-forward width | \(options.resolvedFFNWidth) |
        | context | \(options.context) |
        | vocabulary | \(report.vocabularySize) |
        | parameters | \(report.parameters) |
        | dtype | float32 |

        ## Data and license

        The corpus is the `.py` files of the Python standard library at `\(corpusRoot)` (without test
        folders, site-packages and files over \(options.maximumFileBytes) bytes): \(report.trainFiles) files
        (\(report.trainBytes) bytes, \(report.trainTokens) tokens in \(options.context)-token sequences) trained on and
        \(report.validationFiles) files (\(report.validationBytes) bytes, \(report.validationTokens) tokens) held out, chosen by
        seed \(options.seed). `corpus.json` lists every file and its side of the split. The standard library
        is distributed under the Python Software Foundation License Version 2 (PSF-2.0)\(licenseCopied ? "; its text is copied here as `CORPUS_LICENSE.txt`" : "").
        This model is released under the same license.

        Files are joined into one token stream, each followed by `<|endoftext|>`, and cut into sequences of
        \(options.context) tokens (the remainder dropped).

        ## Training

        Reproduce with:

        ```
        \(command)
        ```

        AdamW (betas 0.9/0.999, eps 1e-8, weight decay \(options.weightDecay)), peak learning rate \(options.learningRate),
        \(options.warmupSteps) warmup steps then cosine decay to 0 over \(options.steps) steps, \(options.batchSize) sequences
        per step, gradient clipping at 1.0, seed \(options.seed), \(report.threads) threads. All parameters trained
        (float32, explicit backward pass).

        | figure | value |
        |---|---|
        | steps | \(report.steps) |
        | tokens seen | \(report.tokensSeen) |
        | epochs over the training tokens | \(String(format: "%.2f", Double(report.tokensSeen) / Double(max(report.trainTokens, 1)))) |
        | train loss (mean of the last steps) | \(f(report.finalTrainLoss)) |
        | validation loss (untrained → trained) | \(f(report.initialValidationLoss)) → \(f(report.finalValidationLoss)) |
        | validation sequences measured | \(report.validationSequencesMeasured) |
        | tokenizer training | \(duration(report.tokenizerSeconds)) |
        | tokenizing the corpus | \(duration(report.tokenizingSeconds)) |
        | model training | \(duration(report.trainingSeconds)) (\(String(format: "%.0f", report.tokensPerSecond)) tokens/s) |

        Losses are mean cross-entropy per token (nats).

        \(curve)
        `training_report.json` holds these figures.
        """
    }
}
