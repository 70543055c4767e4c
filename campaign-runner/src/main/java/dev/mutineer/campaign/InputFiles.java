package dev.mutineer.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a campaign or manifest file as bounded UTF-8 text, so that no input can exhaust the heap
 * (/dev/zero), hang the reader (a FIFO) or keep the YAML parser busy for long: SnakeYAML's time grows with
 * the square of a single line's length (a 4 MB line took 7.6 s), so lines are capped as well as files.
 */
public final class InputFiles {

    /** A campaign file is a page of settings; a megabyte is far more than any needs. */
    public static final int MAX_CAMPAIGN_BYTES = 1 << 20;
    /**
     * A workload manifest file (and all of a campaign's manifests together). etcd stores at most 1.5 MiB per object by
     * default, and a campaign's workload is a few objects; 2 MiB keeps the slowest refusal (a manifest broken at its
     * end, parsed whole: 0.3 s of CPU for 4 MiB) under a second even on a loaded machine, where 15 MiB took two.
     */
    public static final int MAX_MANIFEST_BYTES = 2 << 20;
    /** The longest line; a longer one (a huge inline value) would take the parser seconds. */
    public static final int MAX_LINE_CHARS = 256 << 10;

    /** Why a file was not read, at a line when the problem has one. */
    public static final class Refused extends Exception {
        private final int line;

        Refused(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private InputFiles() {
    }

    /** The file's text, refused if it is not a regular file, exceeds {@code maxBytes}, is not UTF-8 or has too long a line. */
    public static String read(Path file, int maxBytes, String what) throws Refused {
        if (!Files.exists(file)) {
            throw new Refused(0, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new Refused(0, "is a directory, not a " + what + " file");
        }
        if (!Files.isRegularFile(file)) {
            // A FIFO would block the read forever, a device could be endless.
            throw new Refused(0, "is not a regular file (a device, pipe or socket); a " + what + " must be a plain file");
        }
        try {
            // Refused by its size before a byte is read or parsed; the bounded read below still catches a file that grows.
            if (Files.size(file) > maxBytes) {
                throw new Refused(0, "larger than the limit of " + size(maxBytes) + " for a " + what + " file");
            }
        } catch (IOException e) {
            throw new Refused(0, "cannot read: " + (e.getMessage() == null ? "input/output error" : e.getMessage()));
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Read one byte more than allowed: the size on disk may change between the check and the read.
            bytes = in.readNBytes(maxBytes + 1);
        } catch (NoSuchFileException e) {
            throw new Refused(0, "no such file");
        } catch (IOException e) {
            throw new Refused(0, "cannot read: " + (e.getMessage() == null ? "input/output error" : e.getMessage()));
        }
        if (bytes.length > maxBytes) {
            throw new Refused(0, "larger than the limit of " + size(maxBytes) + " for a " + what + " file");
        }
        String text = decode(bytes);
        checkLines(text);
        return text;
    }

    static String size(long bytes) {
        return bytes % (1 << 20) == 0 ? bytes / (1 << 20) + " MiB" : bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    private static String decode(byte[] bytes) throws Refused {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            // Find the first bad byte, to name its line.
            CharBuffer out = CharBuffer.allocate(bytes.length);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            decoder.reset().decode(in, out, true);
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') line++;
            }
            throw new Refused(line, "not UTF-8 text: byte " + (in.position() + 1) + " (0x"
                    + String.format("%02x", bytes[Math.min(in.position(), bytes.length - 1)] & 0xff)
                    + ") is not part of a UTF-8 character; save the file as UTF-8");
        }
    }

    private static void checkLines(String text) throws Refused {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE_CHARS) {
                    throw new Refused(line, "line " + line + " is " + (i - start) + " characters long, more than the limit of "
                            + MAX_LINE_CHARS + "; split the value (a YAML block scalar '|' spans lines)");
                }
                line++;
                start = i + 1;
            }
            if (i < text.length() && text.charAt(i) == '\0') {
                throw new Refused(line, "holds a NUL character (line " + line + "); is it a binary file?");
            }
        }
    }
}
