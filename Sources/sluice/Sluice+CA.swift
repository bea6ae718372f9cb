import ArgumentParser

extension Sluice {
    /// `sluice ca`: not built yet.
    struct CACommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ca", abstract: "Not built yet.")
        func run() throws { throw ValidationError("'ca' is not built yet") }
    }
}
