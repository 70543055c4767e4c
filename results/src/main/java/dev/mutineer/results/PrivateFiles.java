package dev.mutineer.results;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Files of a results directory, which can hold cluster data (object values, names, the campaign and its
 * manifests): created owner-only (0600, directories 0700) like the cluster's keys, and written without following
 * symbolic links. A file is replaced by a temporary file in the same directory moved over it, so a link in its
 * place is replaced, never written through, and a reader sees the old file or the new one.
 */
public final class PrivateFiles {

    /** Writes a file's content; the stream is closed by the caller. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private PrivateFiles() {
    }

    /** Creates {@code dir} and every missing parent 0700; directories already there are left as they are. */
    public static Path createDirectories(Path dir) throws IOException {
        return Files.createDirectories(dir, directoryAttributes(dir));
    }

    /** Replaces {@code target} (a file, a symbolic link, or nothing) with a new 0600 file of this content. */
    public static Path replace(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + "-", ".tmp", fileAttributes(dir));
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // Same directory, so only exotic file systems get here; REPLACE_EXISTING removes a link, not its target.
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static Path writeString(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return replace(target, out -> out.write(bytes));
    }

    /** Copies a regular file's content (through a symbolic link at {@code source}, never at {@code target}). */
    public static Path copy(Path source, Path target) throws IOException {
        return replace(target, out -> Files.copy(source, out));
    }

    /**
     * Opens a file for appending or updating, creating it 0600; refuses a symbolic link, since writing through one
     * would change a file outside the results, and anything else that is not a regular file (a FIFO would block).
     */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new FileSystemException(file.toString(), null,
                    "it is a symbolic link; mutineer writes results only into regular files of the results directory");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileSystemException(file.toString(), null, "it is not a regular file");
        }
        Set<OpenOption> all = new HashSet<>(List.of(options));
        all.add(LinkOption.NOFOLLOW_LINKS);
        return FileChannel.open(file, all, fileAttributes(file.toAbsolutePath().getParent()));
    }

    private static FileAttribute<?>[] fileAttributes(Path dir) {
        return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    private static FileAttribute<?>[] directoryAttributes(Path dir) {
        return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
