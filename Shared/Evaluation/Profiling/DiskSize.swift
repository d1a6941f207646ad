import Foundation

/// Size on disk of what a variant loads: a GGUF file, a Hugging Face model directory or a PEFT adapter directory.
public enum DiskSize {
    /// Bytes of the file at `path`, or of every regular file under the directory at `path` (symbolic links inside
    /// are not followed, so a registry that links a shared base is not counted twice). `path` itself may be a
    /// link (`$LCE_HOME/models/default` links the bundled model): what it names is measured.
    public static func bytes(atPath path: String) throws -> Int64 {
        let manager = FileManager.default
        let path = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { throw ProfilingError.missingPath(path) }
        if !isDirectory.boolValue { return try fileBytes(path) }
        guard let walker = manager.enumerator(atPath: path) else { throw ProfilingError.unreadable(path) }
        var total: Int64 = 0
        while let relative = walker.nextObject() as? String {
            let attributes = walker.fileAttributes
            guard attributes?[.type] as? FileAttributeType == .typeRegular else { continue }
            if let size = attributes?[.size] as? NSNumber {
                total += size.int64Value
            } else {
                total += try fileBytes((path as NSString).appendingPathComponent(relative))
            }
        }
        return total
    }

    private static func fileBytes(_ path: String) throws -> Int64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        guard let size = attributes[.size] as? NSNumber else { throw ProfilingError.unreadable(path) }
        return size.int64Value
    }
}
