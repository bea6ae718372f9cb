import ArgumentParser

extension Sluice {
    /// `sluice audit`: not built yet.
    struct AuditCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "audit", abstract: "Not built yet.")
        func run() throws { throw ValidationError("'audit' is not built yet") }
    }
}
