package dev.mutineer.cluster.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * An image tarball in the docker-archive format ({@code docker save}; {@code ctr images import} reads
 * it) of a from-scratch image: one layer holding one static executable, its entrypoint. Deterministic
 * (no timestamps), so the same binary gives the same bytes and the same image ID.
 */
public final class ImageTarball {

    private ImageTarball() {
    }

    /** The archive of image {@code ref} whose only file is {@code /file} with {@code content}, run as its entrypoint. */
    public static byte[] of(String ref, String file, byte[] content, String architecture) {
        byte[] layer = tar(List.of(new Entry(file, content, 0755)));
        String layerId = sha256(layer);
        String config = """
                {"architecture":"%s","os":"linux","config":{"Entrypoint":["/%s"],"Env":["PATH=/"]},\
                "rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created_by":"mutineer NodeImages"}]}""".formatted(
                architecture, file, layerId);
        byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
        String configId = sha256(configBytes);
        String manifest = """
                [{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]""".formatted(configId, ref, layerId);
        return tar(List.of(
                new Entry("manifest.json", manifest.getBytes(StandardCharsets.UTF_8), 0644),
                new Entry(configId + ".json", configBytes, 0644),
                new Entry(layerId + "/layer.tar", layer, 0644)));
    }

    /** A regular file of a tar archive. */
    record Entry(String name, byte[] content, int mode) {
    }

    /** A ustar archive of regular files, owner root, mtime 0. */
    static byte[] tar(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (Entry e : entries) {
                out.write(header(e.name(), e.content().length, e.mode()));
                out.write(e.content());
                pad(out, e.content().length);
            }
            out.write(new byte[1024]); // two zero blocks end the archive
        } catch (IOException e) {
            throw new IllegalStateException(e); // a byte array stream does not fail
        }
        return out.toByteArray();
    }

    private static byte[] header(String name, long size, int mode) {
        return header(name, size, mode, '0', "");
    }

    /**
     * A ustar header of a regular file ('0'), directory ('5') or symbolic link ('2', to {@code link}), owner root,
     * mtime 0; a name over 100 characters puts its directory part in the 155-byte prefix field. Also used by
     * writers that stream large images.
     */
    public static byte[] header(String name, long size, int mode, char type, String link) {
        byte[] h = new byte[512];
        String prefix = "";
        String base = name;
        if (name.length() > 100) {
            int slash = name.lastIndexOf('/', name.length() - 2);
            prefix = slash < 0 ? "" : name.substring(0, slash);
            base = slash < 0 ? name : name.substring(slash + 1);
            if (base.length() > 100 || prefix.length() > 155) {
                throw new IllegalArgumentException("tar entry name too long for ustar: " + name);
            }
        }
        if (link.length() > 100) {
            throw new IllegalArgumentException("symbolic link target longer than 100 characters: " + link);
        }
        put(h, 0, base);
        put(h, 100, octal(mode, 7));
        put(h, 108, octal(0, 7));
        put(h, 116, octal(0, 7));
        put(h, 124, octal(size, 11));
        put(h, 136, octal(0, 11));
        put(h, 148, "        ");
        h[156] = (byte) type;
        put(h, 157, link);
        put(h, 257, "ustar");
        put(h, 263, "00");
        put(h, 265, "root");
        put(h, 297, "root");
        put(h, 345, prefix);
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, octal(sum, 6));
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static String octal(long v, int digits) {
        String s = Long.toOctalString(v);
        return "0".repeat(Math.max(0, digits - s.length())) + s;
    }

    private static void put(byte[] h, int offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, offset, b.length);
    }

    private static void pad(OutputStream out, long size) throws IOException {
        int rest = (int) (size % 512);
        if (rest != 0) {
            out.write(new byte[512 - rest]);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
