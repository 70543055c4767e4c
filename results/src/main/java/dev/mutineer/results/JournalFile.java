package dev.mutineer.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mutineer.classifier.observation.ObservationJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads a journal file: one JSON record a line. No damage stops a reader: a line that is not UTF-8, not JSON,
 * not a record, or a second record for an ID already read is skipped and named ({@link SkippedLine}); of the
 * records of one ID the first counts. A last line without its newline was cut short by a crash (the record was
 * never fully written, so it was never reported done) and is skipped too. Nothing here changes the file.
 */
final class JournalFile {

    static final String NAME = "journal.jsonl";
    static final ObjectMapper JSON = ObservationJson.mapper();
    /**
     * A line longer than this is skipped unread: records with full observations measure tens of kilobytes, and a
     * journal overwritten with a file of no newlines must not exhaust the heap.
     */
    static final int MAX_LINE_BYTES = 64 << 20;

    /**
     * What a journal file holds.
     *
     * @param records      the valid records in file order, one per ID
     * @param skipped      the lines skipped, in file order
     * @param validLength  bytes up to and including the last newline: where the next record must start
     * @param tornLength   bytes after the last newline (a torn record), 0 when the file ends cleanly
     */
    record Contents(List<JournalRecord> records, List<SkippedLine> skipped, long validLength, long tornLength) {
    }

    private JournalFile() {
    }

    /**
     * Reads the file line by line (a journal that keeps full observations can be far larger than memory wants
     * to hold at once). With {@code keepObservations} false each record's observation is dropped as it is read.
     */
    static Contents read(Path file, boolean keepObservations) {
        return read(file, keepObservations, MAX_LINE_BYTES);
    }

    /** As {@link #read(Path, boolean)} with another cap on a line's length (tests need no 64 MiB file). */
    static Contents read(Path file, boolean keepObservations, int maxLineBytes) {
        return read(file, keepObservations ? r -> r : JournalRecord::withoutObservation, maxLineBytes);
    }

    /**
     * As {@link #read(Path, boolean)}, each record (the first of its ID) passed whole to {@code kept}, which returns
     * what the contents keep of it: a report derives what it draws from the observation, then drops it.
     */
    static Contents read(Path file, UnaryOperator<JournalRecord> kept) {
        return read(file, kept, MAX_LINE_BYTES);
    }

    private static Contents read(Path file, UnaryOperator<JournalRecord> kept, int maxLineBytes) {
        if (!Files.exists(file)) {
            return new Contents(List.of(), List.of(), 0, 0);
        }
        if (!Files.isRegularFile(file)) {
            // A FIFO would block the reader forever, a device like /dev/zero never end.
            throw new IllegalArgumentException("journal " + file + " is not a regular file");
        }
        Lines lines = new Lines(file, kept, maxLineBytes);
        long offset = 0;
        long lineStart = 0;
        try (InputStream in = Files.newInputStream(file)) {
            LineBuffer line = new LineBuffer(maxLineBytes);
            byte[] chunk = new byte[1 << 16];
            int n;
            while ((n = in.read(chunk)) >= 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        line.write(chunk, start, i - start);
                        lines.add(line);
                        line.reset();
                        start = i + 1;
                        lineStart = offset + start;
                    }
                }
                line.write(chunk, start, n - start);
                offset += n;
            }
            long torn = offset - lineStart;
            if (torn > 0) {
                lines.torn(line, torn);
            }
            return new Contents(lines.records, lines.skipped, lineStart, torn);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + file + ": " + IoProblems.describe(e), e);
        }
    }

    /** The lines read so far: records by ID (first one wins) and the skipped lines. */
    private static final class Lines {
        private final Path file;
        private final UnaryOperator<JournalRecord> kept;
        private final List<JournalRecord> records = new ArrayList<>();
        private final List<SkippedLine> skipped = new ArrayList<>();
        private final Map<String, Long> lineOfId = new HashMap<>();
        private final int maxLineBytes;
        private long number;

        Lines(Path file, UnaryOperator<JournalRecord> kept, int maxLineBytes) {
            this.file = file;
            this.kept = kept;
            this.maxLineBytes = maxLineBytes;
        }

        void add(LineBuffer line) {
            number++;
            if (line.overflowed()) {
                skipped.add(new SkippedLine(file, number, JournalLine.leadingId(line.head()), "longer than "
                        + maxLineBytes + " bytes (" + line.length() + " bytes), not a record mutineer wrote"));
                return;
            }
            JournalLine.Decoded decoded = JournalLine.decode(line.bytes(), line.size(), true);
            if (decoded instanceof JournalLine.Damaged d) {
                skipped.add(new SkippedLine(file, number, d.id(), d.reason()));
            } else if (decoded instanceof JournalLine.Valid v) {
                String id = v.result().id();
                Long first = lineOfId.putIfAbsent(id, number);
                if (first == null) {
                    records.add(kept.apply(v.result()));
                } else {
                    skipped.add(new SkippedLine(file, number, id,
                            "a second record for injection " + id + " (the first, on line " + first + ", counts)"));
                }
            }
        }

        void torn(LineBuffer line, long bytes) {
            skipped.add(new SkippedLine(file, number + 1, JournalLine.leadingId(line.head()),
                    "incomplete (" + bytes + " bytes without a newline: a write cut short by a crash)"));
        }
    }

    /** The bytes of one line, up to a cap; beyond that only counted. */
    private static final class LineBuffer extends ByteArrayOutputStream {
        private final int max;
        private long length;

        LineBuffer(int max) {
            this.max = max;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            length += len;
            super.write(b, off, Math.max(0, Math.min(len, max - count)));
        }

        @Override
        public void reset() {
            super.reset();
            length = 0;
        }

        boolean overflowed() {
            return length > count;
        }

        long length() {
            return length;
        }

        byte[] bytes() {
            return buf;
        }

        /** The start of the line as text, for the ID a damaged record begins with. */
        String head() {
            return new String(buf, 0, Math.min(count, 512), StandardCharsets.UTF_8);
        }
    }
}
