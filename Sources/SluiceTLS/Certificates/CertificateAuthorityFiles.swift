#if canImport(Glibc)
import Glibc
#endif

/// The CA's two files: `ca.key` (owner-only, 0600) and `ca.pem` (public, 0644), written via temporary files and rename.
struct CertificateAuthorityFiles {
    let directory: String
    var keyPath: String { directory + "/ca.key" }
    var certificatePath: String { directory + "/ca.pem" }

    /// The first of the two files that already exists, if any.
    func existing() -> String? {
        [keyPath, certificatePath].first { access($0, F_OK) == 0 }
    }

    func store(keyPEM: [UInt8], certificatePEM: [UInt8]) throws(TLSError) {
        try makeDirectory(directory)
        try writeFile(keyPath, keyPEM, mode: 0o600)
        try writeFile(certificatePath, certificatePEM, mode: 0o644)
    }

    func load() throws(TLSError) -> (key: [UInt8], certificate: [UInt8]) {
        var status = stat()
        guard stat(keyPath, &status) == 0 else {
            throw TLSError(.configuration, "no CA at \(directory) (\(String(cString: strerror(errno)))); run `sluice ca init --dir \(directory)`")
        }
        guard status.st_mode & 0o077 == 0 else {
            throw TLSError(.configuration, "\(keyPath) is readable by other users (mode \(String(status.st_mode & 0o777, radix: 8))); run chmod 600 \(keyPath)")
        }
        return (try readFile(keyPath), try readFile(certificatePath))
    }

    /// Creates missing directories (0700: only the proxy's user needs the key's folder).
    private func makeDirectory(_ path: String) throws(TLSError) {
        var status = stat()
        if stat(path, &status) == 0 { return }
        let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !parent.isEmpty { try makeDirectory(parent) }
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else { throw TLSError.system("mkdir \(path)") }
    }

    /// Writes `path.tmp` with `mode` from the start (no window with a wider mode), then renames it over `path`.
    private func writeFile(_ path: String, _ bytes: [UInt8], mode: mode_t) throws(TLSError) {
        let temporary = path + ".tmp"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw TLSError.system("open \(temporary)") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let error = TLSError.system("write \(temporary)")
                close(fd)
                unlink(temporary)
                throw error
            }
            offset += written
        }
        guard fchmod(fd, mode) == 0, fsync(fd) == 0 else {
            let error = TLSError.system("fchmod/fsync \(temporary)")
            close(fd)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else { throw TLSError.system("rename \(temporary) to \(path)") }
    }

    private func readFile(_ path: String) throws(TLSError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw TLSError.system("open \(path)") }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw TLSError.system("read \(path)") }
            if count == 0 { return result }
            guard result.count + count <= 1 << 20 else { throw TLSError(.configuration, "\(path) is larger than 1 MiB") }
            result.append(contentsOf: chunk[0..<count])
        }
    }
}
