import Testing
@testable import SluiceDetect

struct CellTableTests {
    func cells(_ text: String) -> [[String]] {
        let t = ScanText(text)
        let table = CellTable(t)
        return table.lines.map { line in (0..<line.cells.count).map { k in
            let r = table.cell(line, k)
            return String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(r.lowerBound).prefix(r.count)))
        } }
    }

    @Test("Lines split on their most frequent separator; pipe tables drop blank outer cells", arguments: [
        ("a,b,c", [["a", "b", "c"]]),
        ("name;dob\nJan;1-2-1990", [["name", "dob"], ["Jan", "1-2-1990"]]),
        ("| a | b |", [[" a ", " b "]]),
        ("a\tb,c", [["a", "b,c"]]),  // ties prefer tab, then pipe, then comma
        ("plain line", [["plain line"]]),
        ("\n\nx", [[""], [""], ["x"]]),
        ("x\n", [["x"]]),
        ("", []),
        ("a,b;c;d", [["a,b", "c", "d"]]),
        ("a|b,c", [["a", "b,c"]]),
    ])
    func split(_ text: String, _ expected: [[String]]) {
        #expect(cells(text) == expected)
    }
}
