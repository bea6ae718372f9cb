import ArgumentParser

extension Sluice {
    /// `sluice scan`: not built yet.
    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "scan", abstract: "Not built yet.")
        func run() throws { throw ValidationError("'scan' is not built yet") }
    }
}
