package dev.mutineer.results;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The append-only journal of a campaign, {@code <dir>/journal.jsonl}: the source of truth that reports are
 * rendered from and that {@code --resume} continues from.
 *
 * <p>Each {@link #append} writes one JSON line and forces it to disk before returning, so a record the caller
 * saw appended survives a SIGKILL or power loss. A crash in the middle of a write leaves a torn last line; the
 * next {@link #open} reports it, keeps its bytes in {@code journal.torn} for inspection, and cuts it off so new
 * records start on a line of their own. One process at a time: the journal holds an exclusive file lock.
 * Every other damage is skipped and named by the readers ({@link JournalFile}).
 */
public final class Journal implements AutoCloseable {

    static final String TORN_NAME = "journal.torn";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Set<String> completed;
    private final List<SkippedLine> skipped;

    private Journal(Path file, FileChannel channel, FileLock lock, Set<String> completed, List<SkippedLine> skipped) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.completed = completed;
        this.skipped = skipped;
    }

    /**
     * Opens (creating if needed, 0600 in a 0700 directory) the journal in {@code dir}; repairs a torn last line as
     * described above. Damaged lines are skipped and named in {@link #warnings()}; their IDs are not done, so a
     * resumed campaign runs them again. A symbolic link in the journal's place is refused.
     */
    public static Journal open(Path dir) {
        Path file = dir.resolve(JournalFile.NAME);
        FileChannel channel = null;
        try {
            boolean created = !Files.exists(dir);
            PrivateFiles.createDirectories(dir);
            channel = PrivateFiles.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel, file);
            JournalFile.Contents contents = JournalFile.read(file, false);
            if (contents.tornLength() > 0) {
                keepTornBytes(channel, contents, dir.resolve(TORN_NAME));
                channel.truncate(contents.validLength());
                channel.force(true);
            }
            channel.position(channel.size());
            if (created) {
                syncDirectory(dir.toAbsolutePath().getParent());
            }
            syncDirectory(dir);
            Set<String> ids = new LinkedHashSet<>();
            contents.records().forEach(r -> ids.add(r.id()));
            return new Journal(file, channel, lock, ids, contents.skipped());
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot open journal " + file + ": " + IoProblems.describe(e), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Reads a journal without opening it for writing; a torn last line is skipped, not repaired. */
    public static JournalContents read(Path dir) {
        JournalFile.Contents c = JournalFile.read(dir.resolve(JournalFile.NAME), true);
        return new JournalContents(c.records(), c.skipped());
    }

    /** As {@link #read}, dropping each record's observation as it is read: for reports over large journals. */
    public static JournalContents readWithoutObservations(Path dir) {
        JournalFile.Contents c = JournalFile.read(dir.resolve(JournalFile.NAME), false);
        return new JournalContents(c.records(), c.skipped());
    }

    /**
     * Appends one record and forces it to disk. IDs are unique within a journal: a second record for an ID that
     * is already done is refused, so a resumed campaign cannot count an injection twice.
     */
    public synchronized void append(JournalRecord result) {
        if (completed.contains(result.id())) {
            throw new IllegalArgumentException("journal " + file + " already holds a result for injection " + result.id());
        }
        byte[] line;
        try {
            line = (JournalFile.JSON.writeValueAsString(result) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize result " + result.id() + ": " + e.getMessage(), e);
        }
        long before;
        try {
            before = channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append result " + result.id() + " to " + file + ": " + e.getMessage(), e);
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            // Data and length both: after a crash the file must contain this whole line.
            channel.force(true);
        } catch (IOException e) {
            // A half-written line (disk full) would glue the next record onto it: cut it off if we still can.
            try {
                channel.truncate(before);
                channel.position(before);
            } catch (IOException ignored) {
                // The next open reports and repairs a torn last line anyway.
            }
            throw new UncheckedIOException("cannot append result " + result.id() + " to " + file + ": " + e.getMessage(), e);
        }
        completed.add(result.id());
    }

    /** IDs of every injection recorded, in journal order: what {@code --resume} skips. */
    public synchronized Set<String> completedIds() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(completed));
    }

    /** Problems found when opening, one message a skipped line (a cut-off torn line among them). Empty for a clean journal. */
    public List<String> warnings() {
        return skipped.stream().map(SkippedLine::message).toList();
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close journal " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path file) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IllegalStateException("journal " + file + " is in use by another mutineer run; "
                    + "wait for it to finish or use another results directory");
        }
        return lock;
    }

    private static void keepTornBytes(FileChannel channel, JournalFile.Contents contents, Path tornFile) throws IOException {
        try (FileChannel out = PrivateFiles.open(tornFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            // transferTo, not a buffer: a torn tail can be as long as the file (a journal overwritten with junk).
            long from = contents.validLength();
            long end = from + contents.tornLength();
            while (from < end) {
                long n = channel.transferTo(from, end - from, out);
                if (n <= 0) {
                    break;
                }
                from += n;
            }
            out.write(ByteBuffer.wrap("\n".getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
    }

    /** Makes a newly created file's directory entry durable; best effort where directories cannot be opened. */
    private static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform lets a directory be opened; the file's own force still holds its contents.
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already failing; the first error is the one to report.
            }
        }
    }
}
