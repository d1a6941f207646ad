import Foundation
import Testing
@testable import Evaluation

/// One sandbox for the suite; tests run serialized so the hostile ones do not crowd each other's time limits.
enum SharedSandbox {
    static let sandbox: Sandbox? = try? Sandbox(limits: SandboxLimits(timeLimit: 3, memoryBytes: 512 << 20))
    static var isAvailable: Bool { sandbox != nil }
}

private let addProblem = CodeProblem(
    taskID: "t/add", prompt: "def add(a, b):\n    \"\"\"Return a + b.\"\"\"\n",
    canonicalSolution: "    return a + b\n",
    test: "def check(candidate):\n    assert candidate(2, 3) == 5\n    assert candidate(-1, 1) == 0\n",
    entryPoint: "add")

@Suite(.serialized, .enabled(if: SharedSandbox.isAvailable, "python3 not found on PATH"))
struct SandboxTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try #require(SharedSandbox.sandbox)
    }

    @Test func correctAnswerPasses() async {
        let result = await sandbox.run(problem: addProblem, completion: "    return a + b\n")
        #expect(result.outcome == .passed, "\(result.stderrTail)")
    }

    @Test func wrongAnswerFailsWithAssertion() async {
        let result = await sandbox.run(problem: addProblem, completion: "    return a - b\n")
        #expect(result.outcome == .failed)
        #expect(result.stderrTail.contains("AssertionError"))
    }

    @Test func syntaxErrorIsAnError() async {
        let result = await sandbox.run(problem: addProblem, completion: "    return a +* b)\n")
        #expect(result.outcome == .error)
        #expect(result.stderrTail.contains("SyntaxError"))
    }

    @Test func infiniteLoopTimesOutAndIsKilled() async throws {
        let sandbox = try Sandbox(limits: SandboxLimits(timeLimit: 1))
        let result = await sandbox.run(problem: addProblem, completion: "    while True:\n        pass\n")
        #expect(result.outcome == .timeout)
        #expect(result.seconds < 2.5)
    }

    @Test func memoryHogIsOutOfMemory() async throws {
        // A generous time limit: on a loaded machine page faults are slow, and this test is about memory.
        let sandbox = try Sandbox(limits: SandboxLimits(timeLimit: 20, memoryBytes: 256 << 20))
        let hog = "    blocks = []\n    while True:\n        blocks.append(bytearray(16 * 1024 * 1024))\n"
        let result = await sandbox.run(problem: addProblem, completion: hog)
        #expect(result.outcome == .oom, "\(result.stderrTail)")
    }

    @Test func forkBombIsStopped() async {
        let bomb = "    import os\n    while True:\n        os.fork()\n"
        let result = await sandbox.run(problem: addProblem, completion: bomb)
        #expect(result.outcome == .error)
        #expect(result.stderrTail.contains("sandbox: os.fork is not allowed"))
    }

    @Test func subprocessIsRefused() async {
        let spawn = "    import subprocess\n    subprocess.run(['true'])\n    return a + b\n"
        let result = await sandbox.run(problem: addProblem, completion: spawn)
        #expect(result.outcome == .error)
        #expect(result.stderrTail.contains("sandbox: subprocess is not allowed"))
    }

    @Test func socketToALocalListenerIsRefused() async throws {
        let listener = try LoopbackListener()
        defer { listener.close() }
        let connect = "    import socket\n    s = socket.create_connection(('127.0.0.1', \(listener.port)), timeout=1)\n    return a + b\n"
        let raw = "    import _socket\n    s = _socket.socket()\n    s.connect(('127.0.0.1', \(listener.port)))\n    return a + b\n"
        for completion in [connect, raw] {
            let result = await sandbox.run(problem: addProblem, completion: completion)
            #expect(result.outcome == .error, "\(result.stderrTail)")
            #expect(result.stderrTail.contains("network access is not allowed"))
        }
        #expect(listener.acceptedConnections() == 0)
    }

    @Test func deletingAFileOutsideTheWorkingDirectoryIsRefused() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lce-victim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let victim = directory.appendingPathComponent("keep.txt")
        try Data("precious".utf8).write(to: victim)
        let attacks = [
            "    import os\n    os.remove(\(victim.path.debugDescription))\n    return a + b\n",
            "    import shutil\n    shutil.rmtree(\(directory.path.debugDescription))\n    return a + b\n",
            "    open(\(victim.path.debugDescription), 'w').close()\n    return a + b\n",
            "    import pathlib\n    pathlib.Path(\(victim.path.debugDescription)).unlink()\n    return a + b\n",
            "    import posix\n    posix.unlink(\(victim.path.debugDescription))\n    return a + b\n",
            "    import _io\n    _io.FileIO(\(victim.path.debugDescription), 'w').close()\n    return a + b\n",
        ]
        for attack in attacks {
            let result = await sandbox.run(problem: addProblem, completion: attack)
            #expect(result.outcome == .error, "\(attack): \(result.stderrTail)")
            #expect(result.stderrTail.contains("outside the working directory"))
        }
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious")
    }

    @Test func filesystemOutsideTheWorkingDirectoryIsReadOnlyWhenRoot() async throws {
        try #require(sandbox.isolation.readOnlyFilesystem == sandbox.isolation.namespaces)
        guard sandbox.isolation.readOnlyFilesystem else { return }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("lce-outside-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outside) }
        // os.mkdir is not one of the Python guard's functions: only the read-only mounts stop it.
        let result = await sandbox.run(program: "import os\nos.mkdir(\(outside.path.debugDescription))\n")
        #expect(result.outcome == .failed)
        #expect(result.stderrTail.contains("Read-only file system"))
        #expect(!FileManager.default.fileExists(atPath: outside.path))
    }

    @Test func filesInsideTheWorkingDirectoryMayBeWrittenAndDeleted() async {
        let local = "    import os\n    open('scratch.txt', 'w').write('x')\n    os.remove('scratch.txt')\n    return a + b\n"
        let result = await sandbox.run(problem: addProblem, completion: local)
        #expect(result.outcome == .passed, "\(result.stderrTail)")
    }

    @Test func outputFloodIsCutAtTheFileSizeLimit() async throws {
        let sandbox = try Sandbox(limits: SandboxLimits(timeLimit: 20, maxFileBytes: 1 << 20))
        let result = await sandbox.run(program: "while True:\n    print('x' * 4096)\n")
        #expect(result.outcome == .failed)
        #expect(result.stderrTail.contains("File too large"))
    }

    @Test func exitingBeforeTheTestsIsNotAPass() async {
        let result = await sandbox.run(problem: addProblem, completion: "    import sys\n    sys.exit(0)\n")
        #expect(result.outcome == .failed)
        let hard = await sandbox.run(problem: addProblem, completion: "    import os\n    os._exit(0)\n")
        #expect(hard.outcome == .failed)
    }

    @Test func runsInAFreshDirectoryEachTime() async {
        let probe = "import os\nassert sorted(os.listdir('.')) == ['_lce_harness.py', 'program.py', 'stderr.txt', 'stdout.txt'], os.listdir('.')\nopen('left.txt', 'w').write('x')\n"
        let first = await sandbox.run(program: probe)
        let second = await sandbox.run(program: probe)
        #expect(first.outcome == .passed, "\(first.stderrTail)")
        #expect(second.outcome == .passed, "\(second.stderrTail)")
    }

    @Test func evaluatorGoesOnAfterEveryHostileCandidate() async throws {
        let sandbox = try Sandbox(limits: SandboxLimits(timeLimit: 2, memoryBytes: 512 << 20, concurrency: 2))
        let completions = [
            "    while True:\n        pass\n",
            "    import os\n    while True:\n        os.fork()\n",
            "    x = bytearray(1 << 40)\n",
            "    import socket\n    socket.socket()\n",
            "    return a +* b\n",
            "    return a - b\n",
            "    return a + b\n",
        ]
        let results = await sandbox.runAll(programs: completions.map { HumanEvalProgram.source(problem: addProblem, completion: $0) })
        #expect(results.map(\.outcome) == [.timeout, .error, .oom, .error, .error, .failed, .passed])
    }
}

@Suite(.serialized, .enabled(if: SharedSandbox.isAvailable, "python3 not found on PATH"))
struct SandboxProcessLimitTests {
    @Test func threadsBeyondTheProcessLimitCannotStart() async throws {
        let sandbox = try Sandbox(limits: SandboxLimits(maxProcesses: 16))
        let program = """
        import threading, time
        threads = [threading.Thread(target=time.sleep, args=(0.5,)) for _ in range(64)]
        for t in threads:
            t.start()
        """
        let result = await sandbox.run(program: program)
        #expect(result.outcome == .failed)
        #expect(result.stderrTail.contains("can't start new thread"))
    }
}
