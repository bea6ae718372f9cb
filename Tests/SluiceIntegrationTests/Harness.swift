import Foundation
import Synchronization
import Testing

/// Where the built `sluice` binary is: beside the test bundle, as SwiftPM lays out `.build/<config>/`.
func sluiceBinary() -> String {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("sluice").path,
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sluice").path,
        packageRoot().appendingPathComponent(".build/debug/sluice").path,
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
}

func packageRoot() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
}

/// A child process whose stdout lines the test can wait for; killed when released.
final class ChildProcess: @unchecked Sendable {
    // @unchecked: `lines` is guarded by `lock`; `process` is only touched by the owning test.
    let process = Process()
    private let lock = NSCondition()
    private var lines: [String] = []
    private var partial = Data()
    private var ended = false
    let stderrPath = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-child-\(UUID().uuidString).err").path

    init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil, currentDirectory: String? = nil) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let out = Pipe()
        process.standardOutput = out
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        process.standardInput = FileHandle.nullDevice
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.lock.lock()
            if data.isEmpty { self.ended = true }
            self.partial.append(data)
            while let newline = self.partial.firstIndex(of: 10) {
                self.lines.append(String(decoding: self.partial[self.partial.startIndex..<newline], as: UTF8.self))
                self.partial.removeSubrange(self.partial.startIndex...newline)
            }
            self.lock.broadcast()
            self.lock.unlock()
            if data.isEmpty { handle.readabilityHandler = nil }
        }
        try process.run()
    }

    /// Waits (bounded) for a stdout line starting with `prefix`.
    func waitForLine(prefix: String, timeout: TimeInterval = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let line = lines.first(where: { $0.hasPrefix(prefix) }) { return line }
            if ended || !process.isRunning {
                throw HarnessError(description: "process exited before printing '\(prefix)': \(stderrText())")
            }
            if !lock.wait(until: deadline) {
                throw HarnessError(description: "timed out waiting for '\(prefix)'")
            }
        }
    }

    /// What the process wrote to stderr so far.
    func stderrText() -> String {
        (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
    }

    /// Waits (bounded) until stderr contains `text` `count` times; the process logs reloads and refusals there.
    func waitForStderr(_ text: String, count: Int = 1, timeout: TimeInterval = 20) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while stderrText().components(separatedBy: text).count - 1 < count {
            if Date() > deadline { throw HarnessError(description: "timed out waiting for '\(text)' in stderr: \(stderrText())") }
            usleep(20_000)   // polling a log file with a deadline, not sleeping in place of a condition
        }
    }

    func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

    /// Waits (bounded) for exit; returns the status or nil on timeout.
    func waitForExit(timeout: TimeInterval = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline { return nil }
            usleep(10_000)   // polling a child's exit, not synchronising with it
        }
        return process.terminationStatus
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            if waitForExit(timeout: 5) == nil { kill(process.processIdentifier, SIGKILL) }
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: stderrPath)
    }
}

/// The origin server from Fixtures/origin.py on a free loopback port.
final class Origin {
    let child: ChildProcess
    let port: Int

    init(tls: (cert: String, key: String)? = nil) throws {
        var args = [fixture("origin.py")]
        if let tls { args += ["--tls", tls.cert, tls.key] }
        child = try ChildProcess("/usr/bin/env", ["python3"] + args)
        let line = try child.waitForLine(prefix: "origin on ")
        port = Int(line.dropFirst("origin on ".count))!
    }
}

/// A running `sluice serve` on 127.0.0.1:0.
final class Proxy {
    let child: ChildProcess
    let port: Int
    let directory: URL

    /// `policy` is YAML text written to a temporary file; `arguments` are extra serve flags.
    init(policy: String? = nil, policyFile: String? = nil, arguments: [String] = [], audit: Bool = true) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let policyPath: String
        if let policy {
            policyPath = directory.appendingPathComponent("policy.yaml").path
            try policy.write(toFile: policyPath, atomically: true, encoding: .utf8)
        } else {
            policyPath = policyFile ?? packageRoot().appendingPathComponent("policy/default.yaml").path
        }
        var args = ["serve", "--listen", "127.0.0.1:0", "--policy", policyPath, "--workers", "2"]
        args += audit ? ["--audit-log", directory.appendingPathComponent("audit.jsonl").path] : ["--no-audit"]
        if audit, !arguments.contains("--fingerprint-key") {
            // Inside the test's directory, so nothing is left behind in the temporary directory.
            args += ["--fingerprint-key", directory.appendingPathComponent("keys/fingerprint.key").path]
        }
        child = try ChildProcess(sluiceBinary(), args + arguments)
        let line = try child.waitForLine(prefix: "listening on ")
        guard let colon = line.lastIndex(of: ":"), let port = Int(line[line.index(after: colon)...]) else {
            throw HarnessError(description: "bad readiness line: \(line)")
        }
        self.port = port
    }

    var policyPath: String { directory.appendingPathComponent("policy.yaml").path }
    var auditPath: String { directory.appendingPathComponent("audit.jsonl").path }
    var url: String { "http://127.0.0.1:\(port)" }

    deinit {
        child.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

struct CommandResult {
    var status: Int32
    var stdout: Data
    var stderr: String
    var text: String { String(decoding: stdout, as: UTF8.self) }
}

/// Runs a command to completion (bounded by `timeout` seconds, then killed).
@discardableResult
func run(_ executable: String, _ arguments: [String], stdin: Data? = nil, timeout: TimeInterval = 60,
         environment: [String: String]? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = stdin == nil ? FileHandle.nullDevice : input
    let collected = Mutex<(Data, Data)>((Data(), Data()))
    let done = DispatchGroup()
    for (index, pipe) in [out, err].enumerated() {
        done.enter()
        DispatchQueue.global().async {
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            collected.withLock { if index == 0 { $0.0 = data } else { $0.1 = data } }
            done.leave()
        }
    }
    try process.run()
    if let stdin {
        input.fileHandleForWriting.write(stdin)
        try? input.fileHandleForWriting.close()
    }
    if done.wait(timeout: .now() + timeout) == .timedOut {
        process.terminate()
        _ = done.wait(timeout: .now() + 5)
        throw HarnessError(description: "\(executable) \(arguments) timed out")
    }
    process.waitUntilExit()
    let (stdout, stderr) = collected.withLock { $0 }
    return CommandResult(status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
}

/// curl with a bounded run time; `-s -S` so errors are in stderr.
@discardableResult
func curl(_ arguments: [String], stdin: Data? = nil, maxTime: Int = 30) throws -> CommandResult {
    try run("/usr/bin/curl", ["-s", "-S", "--max-time", String(maxTime)] + arguments, stdin: stdin, timeout: TimeInterval(maxTime + 10))
}

/// Runs a Python snippet (with `PROXY` and `ORIGIN` ports passed as argv[1], argv[2]).
@discardableResult
func python(_ script: String, _ arguments: [String] = [], timeout: TimeInterval = 60) throws -> CommandResult {
    try run("/usr/bin/env", ["python3", "-c", script] + arguments, timeout: timeout)
}

/// The HTTP status of a curl run made with `-o /dev/null -w %{http_code}` or `-w '\n%{http_code}'`.
func statusCode(_ result: CommandResult) -> Int {
    Int(result.text.split(separator: "\n").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "") ?? -1
}
