package dev.mutineer.injector.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * The short stable name of an injection: the first 50 bits of SHA-256 of the spec's canonical
 * serialization, in 10 characters of lower-case Crockford base32 (no i, l, o, u: easy to read
 * aloud and to type). With 2^50 values, 100,000 specs collide with probability about 4e-6.
 */
public final class InjectionId {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    public static final int LENGTH = 10;
    private static final Pattern VALID = Pattern.compile("[0-9abcdefghjkmnpqrstvwxyz]{" + LENGTH + "}");

    private InjectionId() {
    }

    public static String of(InjectionSpec spec) {
        return ofCanonical(spec.canonical());
    }

    static String ofCanonical(String canonical) {
        byte[] h = sha256(canonical.getBytes(StandardCharsets.UTF_8));
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (h[i] & 0xFF);
        }
        char[] out = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            out[i] = ALPHABET[(int) (bits >>> (64 - 5 * (i + 1))) & 31];
        }
        return new String(out);
    }

    /** True when s has the shape of an ID (the CLI's check before it looks an ID up). */
    public static boolean isWellFormed(String s) {
        return s != null && VALID.matcher(s).matches();
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
