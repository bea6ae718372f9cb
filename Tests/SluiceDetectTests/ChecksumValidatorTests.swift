import Testing
@testable import SluiceDetect
