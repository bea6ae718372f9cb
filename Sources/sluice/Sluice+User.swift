import ArgumentParser
import Foundation
import SluicePolicy

extension Sluice {
    /// `sluice user`: manage proxy users.
    struct UserCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage proxy users.", subcommands: [Add.self])
    }
}

extension Sluice.UserCommand {
    /// `sluice user add NAME --file USERS [--group G]...`: stores a salted PBKDF2 hash; the password comes from stdin.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add or replace a user; the password is read from standard input.")

        @Argument(help: ArgumentHelp("User name (letters, digits, . _ - @).", valueName: "name"))
        var name: String

        @Option(help: ArgumentHelp("Users file to create or update.", valueName: "users"))
        var file: String

        @Option(name: .customLong("group"), help: ArgumentHelp("Group the user belongs to (repeatable).", valueName: "group"))
        var groups: [String] = []

        @Flag(help: "Read the password from standard input (the default; kept for scripts that spell it out).")
        var passwordStdin = false

        func validate() throws {
            guard UserStore.isValidName(name) else { throw ValidationError("bad user name '\(name)'") }
            for group in groups where !UserStore.isValidName(group) { throw ValidationError("bad group name '\(group)'") }
        }

        func run() throws {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw ValidationError("no password on standard input")
            }
            var users: [UserStore.User] = []
            if FileManager.default.fileExists(atPath: file) {
                do { users = try UserStore.load(path: file).users.values.sorted { $0.name < $1.name } } catch {
                    print(error)
                    throw ExitCode(1)
                }
            }
            let hash: PasswordHash
            do { hash = try PasswordHash.make(password: line) } catch { throw ValidationError(error.message) }
            users.removeAll { $0.name == name }
            users.append(UserStore.User(name: name, hash: hash, groups: groups))
            let text = "# Sluice users: name:pbkdf2-sha256$rounds$salt$hash:groups (written by `sluice user add`)\n"
                + users.sorted { $0.name < $1.name }.map(\.line).joined(separator: "\n") + "\n"
            let created = FileManager.default.createFile(atPath: file, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
            guard created else { throw ValidationError("cannot write \(file)") }
            print("\(file): user '\(name)' saved")
        }
    }
}
