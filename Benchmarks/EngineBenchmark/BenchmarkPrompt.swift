/// The prompt every engine run and the llama.cpp peer are timed on: ordinary Python source, long
/// enough (about 130 Qwen2 tokens) that prefill runs the batched matmul path rather than matvecs.
enum BenchmarkPrompt {
    /// The text given to both engines.
    static let text = """
    import heapq
    from dataclasses import dataclass, field


    @dataclass(order=True)
    class Task:
        priority: int
        name: str = field(compare=False)


    def schedule(tasks: list[Task], workers: int) -> dict[str, int]:
        \"\"\"Assign each task to the least loaded worker, highest priority first.\"\"\"
        heap = [(0, w) for w in range(workers)]
        heapq.heapify(heap)
        assignment: dict[str, int] = {}
        for task in sorted(tasks, reverse=True):
            load, worker = heapq.heappop(heap)
            assignment[task.name] = worker
            heapq.heappush(heap, (load + task.priority, worker))
        return assignment


    def reverse_string(s: str) -> str:

    """
}
