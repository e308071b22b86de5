package org.omnisila.annotator.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a file line by line as UTF-8, each line decoded on its own, so that one line of bad bytes is one bad line
 * rather than the end of the import. Line ends are {@code \n} or {@code \r\n}; a byte-order mark at the start is
 * skipped.
 */
final class JsonLines implements AutoCloseable {

    /** One line: its 1-based number, its text (null when it is not UTF-8), and where the file has been read to. */
    record Line(int number, String text, double fraction) {
    }

    private final InputStream in;
    private final long size;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    /** Bytes read from the file and not yet handed out: {@code chunk[position..limit)}. */
    private final byte[] chunk = new byte[1 << 16];
    private int position;
    private int limit;
    /** The line being assembled. */
    private byte[] line = new byte[4096];
    private long consumed;
    private int number;

    JsonLines(Path file) throws IOException {
        this.size = Files.size(file);
        this.in = Files.newInputStream(file);
    }

    /** The next line, or null at the end of the file. */
    Line next() throws IOException {
        int length = 0;
        boolean ended = false;
        while (!ended) {
            if (position == limit && !fill()) {
                if (length == 0) {
                    return null;
                }
                break;
            }
            int newline = position;
            while (newline < limit && chunk[newline] != '\n') {
                newline++;
            }
            int take = newline - position;
            if (length + take > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + take));
            }
            System.arraycopy(chunk, position, line, length, take);
            length += take;
            ended = newline < limit;
            consumed += take + (ended ? 1 : 0);
            position = ended ? newline + 1 : newline;
        }
        number++;
        return new Line(number, decode(length), size == 0 ? 1 : Math.min(1, (double) consumed / size));
    }

    private boolean fill() throws IOException {
        int n = in.read(chunk);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    private String decode(int length) {
        boolean bom = number == 1 && length >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB
                && (line[2] & 0xff) == 0xBF;
        int start = bom ? 3 : 0;
        int end = length > start && line[length - 1] == '\r' ? length - 1 : length;
        try {
            return decoder.decode(ByteBuffer.wrap(line, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
