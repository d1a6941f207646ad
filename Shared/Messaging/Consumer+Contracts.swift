import Logging

extension Consumer {
    /// Creates a consumer whose handler receives decoded, validated contracts. A body that does not decode as `Message`
    /// never reaches the handler: `onRejected` runs first (e.g. to send the client an `invalid_request` error reply),
    /// then the message is dead-lettered with the `ContractError`, which names the field, as its reason.
    public convenience init<Message: MessageContract>(
        url: AMQPURL, configuration: ConsumerConfiguration,
        setup: @escaping @Sendable (AMQPConnection) async throws -> Void = { try await Topology().declare(on: $0) },
        logger: Logger = Logger(label: "lce.messaging.consumer"), decoding type: Message.Type,
        onRejected: (@Sendable (ContractError, IncomingMessage) async -> Void)? = nil,
        handler: @escaping @Sendable (Message, IncomingMessage) async throws -> ConsumerDisposition
    ) {
        self.init(url: url, configuration: configuration, setup: setup, logger: logger) { message in
            let decoded: Message
            do {
                decoded = try ContractCoder.decode(type, from: message.body)
            } catch let error as ContractError {
                await onRejected?(error, message)
                return .deadLetter(reason: error.description)
            } catch {
                return .deadLetter(reason: "\(error)")
            }
            return try await handler(decoded, message)
        }
    }
}
