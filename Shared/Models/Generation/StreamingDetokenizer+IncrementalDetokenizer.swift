/// The tokenizer's streaming decoder already holds back incomplete UTF-8, as generation needs.
extension StreamingDetokenizer: IncrementalDetokenizer {}
