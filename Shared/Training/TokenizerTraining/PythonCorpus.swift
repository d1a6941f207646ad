import Foundation

/// The Python source files under a directory tree (by default the machine's standard library,
/// PSF-licensed), in a fixed order, with what was skipped and why.
public struct PythonCorpus: Sendable {
    /// The directory the files were collected from.
    public let root: URL
    /// The files taken, sorted by relative path (byte order), so every run sees the same order.
    public let files: [CorpusFile]
    /// Files skipped for being larger than `options.maximumFileBytes`.
    public let skippedTooLarge: [CorpusFile]
    /// Files skipped because their bytes are not valid UTF-8.
    public let skippedNotUTF8: [CorpusFile]
    /// The options the files were chosen with.
    public let options: PythonCorpusOptions

    /// The total size of the files taken, in bytes.
    public var totalBytes: Int { files.reduce(0) { $0 + $1.byteCount } }

    /// The standard library of the system Python (`/usr/lib/python3.N`, highest N holding
    /// `os.py`), or nil when there is none.
    public static func defaultRoot() -> URL? {
        let base = URL(fileURLWithPath: "/usr/lib")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base.path) else { return nil }
        let versions = names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix("python3."), let minor = Int(name.dropFirst("python3.".count)) else { return nil }
            return (minor, name)
        }
        for (_, name) in versions.sorted(by: { $0.0 > $1.0 }) {
            let root = base.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: root.appendingPathComponent("os.py").path) { return root }
        }
        return nil
    }

    /// Collects the files under `root` that `options` accept.
    /// - Throws: `TokenizerTrainingError` when `root` is not a readable directory or a file
    ///   cannot be read.
    public static func collect(root: URL, options: PythonCorpusOptions = PythonCorpusOptions()) throws -> PythonCorpus {
        let root = root.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TokenizerTrainingError(subject: root.path, problem: "is not a directory")
        }
        var taken: [CorpusFile] = []
        var tooLarge: [CorpusFile] = []
        var notUTF8: [CorpusFile] = []
        for relativePath in try sourcePaths(under: root, options: options) {
            let url = root.appendingPathComponent(relativePath)
            let data: Data
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw TokenizerTrainingError(subject: url.path, problem: "cannot read the file: \(error.localizedDescription)")
            }
            let file = CorpusFile(relativePath: relativePath, byteCount: data.count)
            if data.count > options.maximumFileBytes {
                tooLarge.append(file)
            } else if String(validating: data, as: UTF8.self) == nil {
                notUTF8.append(file)
            } else {
                taken.append(file)
            }
        }
        return PythonCorpus(root: root, files: taken, skippedTooLarge: tooLarge, skippedNotUTF8: notUTF8, options: options)
    }

    /// The relative paths of regular files with the wanted extension outside excluded
    /// directories, sorted; symbolic links are not followed, so nothing is read twice.
    private static func sourcePaths(under root: URL, options: PythonCorpusOptions) throws -> [String] {
        let files = FileManager.default
        var paths: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? root : root.appendingPathComponent(relative)
            let names: [String]
            do {
                names = try files.contentsOfDirectory(atPath: directory.path)
            } catch {
                throw TokenizerTrainingError(subject: directory.path, problem: "cannot list the directory: \(error.localizedDescription)")
            }
            for name in names {
                let path = relative.isEmpty ? name : relative + "/" + name
                let attributes = try? files.attributesOfItem(atPath: root.appendingPathComponent(path).path)
                let type = attributes?[.type] as? FileAttributeType
                if type == .typeDirectory {
                    if !options.excludedDirectoryNames.contains(name) { pending.append(path) }
                } else if type == .typeRegular, name.hasSuffix("." + options.fileExtension) {
                    paths.append(path)
                }
            }
        }
        return paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The text of one of the corpus's files.
    /// - Throws: `TokenizerTrainingError` when the file cannot be read or is no longer UTF-8.
    public func text(of file: CorpusFile) throws -> String {
        let url = root.appendingPathComponent(file.relativePath)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TokenizerTrainingError(subject: url.path, problem: "cannot read the file: \(error.localizedDescription)")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw TokenizerTrainingError(subject: url.path, problem: "is not valid UTF-8")
        }
        return text
    }

    /// This corpus restricted to `files`.
    func subset(_ files: [CorpusFile]) -> PythonCorpus {
        PythonCorpus(root: root, files: files, skippedTooLarge: [], skippedNotUTF8: [], options: options)
    }

    /// Divides the files into training and validation parts: the `validationFraction` of files
    /// (rounded up; at least one when there are two or more files, and never all of them when the
    /// fraction is below one) whose hash of seed and relative
    /// path is smallest are held out. A file's side depends only on the seed and its own path,
    /// so adding a file elsewhere moves few others.
    public func split(validationFraction: Double = 0.1, seed: UInt64 = 0) -> CorpusSplit {
        let fraction = min(max(validationFraction, 0), 1)
        var held = Int((Double(files.count) * fraction).rounded(.up))
        if fraction > 0 && files.count >= 2 { held = max(held, 1) }
        // Below a fraction of one, at least one file is left to train on.
        if fraction < 1 { held = min(held, max(files.count - 1, 0)) }
        held = min(held, files.count)
        let ranked = files.indices.sorted {
            let a = PythonCorpus.splitHash(files[$0].relativePath, seed: seed)
            let b = PythonCorpus.splitHash(files[$1].relativePath, seed: seed)
            return a != b ? a < b : $0 < $1
        }
        let validationIndices = Set(ranked.prefix(held))
        let validation = files.indices.filter { validationIndices.contains($0) }.map { files[$0] }
        let train = files.indices.filter { !validationIndices.contains($0) }.map { files[$0] }
        return CorpusSplit(train: subset(train), validation: subset(validation), seed: seed, validationFraction: fraction)
    }

    /// FNV-1a over the seed's bytes and the path's UTF-8, finished with a SplitMix64 mix so
    /// nearby paths spread out.
    static func splitHash(_ path: String, seed: UInt64) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var seedBytes = seed
        for _ in 0..<8 {
            hash = (hash ^ (seedBytes & 0xFF)) &* 0x0000_0100_0000_01B3
            seedBytes >>= 8
        }
        for byte in path.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 31)
    }
}
