/// Every line of the text split into cells once (on its most frequent of comma, tab, pipe and semicolon), shared by the
/// scanners that read tables, so no line is split twice and no line allocates.
struct CellTable {
    struct Line {
        /// The separator code point, 0 for a line without any.
        let sep: UInt32
        /// Indices into `cells`.
        let cells: Range<Int>
    }

    let lines: [Line]
    let cells: [Range<Int>]

    init(_ t: ScanText) {
        var lines: [Line] = []
        var cells: [Range<Int>] = []
        let n = t.count
        var lineStart = 0
        while lineStart < n {
            var lineEnd = lineStart
            var comma = 0, tab = 0, pipe = 0, semi = 0
            while lineEnd < n {
                switch t.c[lineEnd] {
                case 10: break
                case 44: comma += 1; lineEnd += 1; continue
                case 9: tab += 1; lineEnd += 1; continue
                case 124: pipe += 1; lineEnd += 1; continue
                case 59: semi += 1; lineEnd += 1; continue
                default: lineEnd += 1; continue
                }
                break
            }
            let first = cells.count
            let best = max(comma, tab, pipe, semi)
            if best == 0 {
                cells.append(lineStart..<lineEnd)
                lines.append(Line(sep: 0, cells: first..<cells.count))
            } else {
                let sep: UInt32 = best == tab ? 9 : best == pipe ? 124 : best == comma ? 44 : 59
                var s = lineStart
                // Pipe tables have empty outer cells (| a | b |): cells of only spaces are dropped.
                func add(_ r: Range<Int>) {
                    if sep != 124 || r.contains(where: { !t.isSpace($0) }) { cells.append(r) }
                }
                for i in lineStart..<lineEnd where t.c[i] == sep { add(s..<i); s = i + 1 }
                add(s..<lineEnd)
                lines.append(Line(sep: sep, cells: first..<cells.count))
            }
            lineStart = lineEnd + 1
        }
        self.lines = lines
        self.cells = cells
    }

    /// Cell `k` of a line.
    @inline(__always) func cell(_ line: Line, _ k: Int) -> Range<Int> { cells[line.cells.lowerBound + k] }
}
