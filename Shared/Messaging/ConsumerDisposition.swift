/// What a consumer's handler wants done with a message once its side effects are complete.
public enum ConsumerDisposition: Sendable, Equatable {
    /// The work is done (reply sent, rows committed): the broker forgets the message.
    case ack
    /// The message can never succeed (undecodable, invalid): it goes to `lce.dead` with this reason in `x-lce-reason`.
    case deadLetter(reason: String)
    /// A passing failure (a database down): the message goes back to the queue for another try;
    /// quorum queues dead-letter it after their delivery limit, so it is never requeued forever.
    case requeue
}
