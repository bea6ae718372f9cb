import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Sole owner of one append-only log descriptor; only the writer thread holds it, and `deinit` closes it.
final class AuditFileOutput {
    let path: String
    private var fd: Int32
    private(set) var size: Int64

    /// Opens (creating 0640) `path` for appending; the parent directory is created when missing.
    init(path: String) throws(AuditError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw AuditError(.openFailed, path: path, errno: errno, reason: "cannot open for appending") }
        let end = lseek(fd, 0, SEEK_END)
        self.path = path
        self.fd = fd
        self.size = Int64(max(0, end))
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Writes all of `bytes` or throws; a short write is retried, EINTR too.
    func write(_ bytes: [UInt8]) throws(AuditError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                let err = errno
                if err == EINTR { continue }
                throw AuditError(.writeFailed, path: path, errno: err, reason: "write failed: \(String(cString: strerror(err)))")
            }
            offset += n
            size += Int64(n)
        }
    }

    func sync() throws(AuditError) {
        if fsync(fd) != 0 {
            let err = errno
            throw AuditError(.syncFailed, path: path, errno: err, reason: "fsync failed: \(String(cString: strerror(err)))")
        }
    }

    /// Cuts the file back to `length`, undoing a partial write so no half line stays in the middle of the log.
    func truncate(to length: Int64) {
        if ftruncate(fd, off_t(length)) == 0 { size = length }
    }

    /// Flushes the directory entry after a create or rename, so the file itself survives a crash.
    static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
