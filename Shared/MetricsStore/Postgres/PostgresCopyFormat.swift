/// Encodes rows in the text format of `COPY ... FROM STDIN`.
public enum PostgresCopyFormat {
    /// Appends one tab-separated, newline-terminated row; nil becomes `\N`.
    public static func appendRow(_ row: [(any PostgresEncodable)?], to buffer: inout [UInt8]) {
        for (index, value) in row.enumerated() {
            if index > 0 { buffer.append(9) }
            guard let text = value?.postgresText else {
                buffer.append(92)
                buffer.append(78)
                continue
            }
            for byte in text.utf8 {
                switch byte {
                case 92: buffer.append(92); buffer.append(92)
                case 9: buffer.append(92); buffer.append(116)
                case 10: buffer.append(92); buffer.append(110)
                case 13: buffer.append(92); buffer.append(114)
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(10)
    }
}
