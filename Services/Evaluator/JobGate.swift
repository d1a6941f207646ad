/// Lets one evaluation run at a time: jobs and adapter events arrive on two consumers, and two models
/// generating at once would share the cores and spoil each other's speed figures.
actor JobGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `work` once no other work holds the gate.
    func run<T: Sendable>(_ work: @Sendable () async -> T) async -> T {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        let result = await work()
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        return result
    }
}
