package dev.mutineer.campaign.job.image;

import dev.mutineer.cluster.node.ImageTarball;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A streaming ustar writer: regular files (from disk or bytes), directories and symbolic links, owner root, mtime 0,
 * so equal inputs give equal bytes (headers from node.ImageTarball). ImageTarball builds its one-file images in
 * memory; an image of the cluster binaries and a Java runtime is hundreds of MiB, hence this writer streams.
 */
final class TarWriter implements AutoCloseable {

    private static final int BLOCK = 512;
    private final OutputStream out;

    TarWriter(OutputStream out) {
        this.out = out;
    }

    void directory(String name) throws IOException {
        out.write(header(name.endsWith("/") ? name : name + "/", 0, 0755, '5', ""));
    }

    void symlink(String name, String target) throws IOException {
        out.write(header(name, 0, 0777, '2', target));
    }

    void file(String name, byte[] content, int mode) throws IOException {
        out.write(header(name, content.length, mode, '0', ""));
        out.write(content);
        pad(content.length);
    }

    void file(String name, Path source, int mode) throws IOException {
        long size = Files.size(source);
        out.write(header(name, size, mode, '0', ""));
        try (InputStream in = Files.newInputStream(source)) {
            long copied = in.transferTo(out);
            if (copied != size) {
                throw new IOException(source + " changed while it was archived (" + size + " bytes, then " + copied + ")");
            }
        }
        pad(size);
    }

    /** Two zero blocks end the archive; the stream itself stays open for the caller. */
    @Override
    public void close() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    private static byte[] header(String name, long size, int mode, char type, String link) {
        return ImageTarball.header(name, size, mode, type, link);
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }
}
