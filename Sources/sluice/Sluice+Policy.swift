import ArgumentParser

extension Sluice {
    /// `sluice policy`: not built yet.
    struct PolicyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "policy", abstract: "Not built yet.")
        func run() throws { throw ValidationError("'policy' is not built yet") }
    }
}
