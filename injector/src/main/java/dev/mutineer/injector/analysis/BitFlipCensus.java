package dev.mutineer.injector.analysis;

import dev.mutineer.injector.catalog.Field;
import dev.mutineer.injector.catalog.FieldCatalog;
import dev.mutineer.injector.codec.DecodeResult;
import dev.mutineer.injector.codec.JsonServability;
import dev.mutineer.injector.codec.StorageCodec;
import dev.mutineer.injector.codec.StoredObject;
import dev.mutineer.injector.inject.CatalogDiff;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Counts what single-bit flips do to one stored value: every bit, or a seeded sample of them.
 * Decodability is judged by the API server's rules ({@link StorageCodec#check}); a flip that
 * turns the kind name into one nobody knows counts as undecodable: the API server has no such
 * type either.
 */
public final class BitFlipCensus {

    private final StorageCodec codec = new StorageCodec();

    /** Tallies per effect. */
    public record Tally(Map<FlipEffect, Long> counts) {
        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        public double share(FlipEffect e) {
            long t = total();
            return t == 0 ? 0 : (double) counts.getOrDefault(e, 0L) / t;
        }

        public Tally plus(Tally other) {
            Map<FlipEffect, Long> m = new EnumMap<>(FlipEffect.class);
            m.putAll(counts);
            other.counts.forEach((k, v) -> m.merge(k, v, Long::sum));
            return new Tally(m);
        }

        public static Tally empty() {
            return new Tally(new EnumMap<>(FlipEffect.class));
        }
    }

    /** The effect of one flip of an object whose catalog is already known. */
    public FlipEffect classify(List<Field> originalCatalog, byte[] flipped) {
        if (codec.check(flipped) != null) {
            return FlipEffect.UNDECODABLE;
        }
        DecodeResult r = codec.decode(flipped);
        if (!(r instanceof StoredObject o)) {
            // the API server decodes it; only protobuf-java refuses (invalid UTF-8 in a map string,
            // a group end tag that does not match): counted as one value changed, the likeliest
            // effect of one flip in one string or skipped field
            return FlipEffect.ONE_VALUE_CHANGED;
        }
        if (JsonServability.violation(o) != null) {
            return FlipEffect.JSON_UNSERVABLE;
        }
        int changed = CatalogDiff.diff(originalCatalog, FieldCatalog.of(o)).size();
        return changed == 0 ? FlipEffect.NOTHING_VISIBLE : changed == 1 ? FlipEffect.ONE_VALUE_CHANGED : FlipEffect.SEVERAL_VALUES_CHANGED;
    }

    /** Every bit of the value (8 flips per byte). */
    public Tally all(byte[] value) {
        StoredObject original = decodeOriginal(value);
        List<Field> catalog = FieldCatalog.of(original);
        Map<FlipEffect, Long> m = new EnumMap<>(FlipEffect.class);
        byte[] work = value.clone();
        for (int i = 0; i < value.length; i++) {
            for (int b = 0; b < 8; b++) {
                work[i] ^= (byte) (1 << b);
                m.merge(classify(catalog, work), 1L, Long::sum);
                work[i] ^= (byte) (1 << b);
            }
        }
        return new Tally(m);
    }

    /** {@code samples} flips at seeded random positions. */
    public Tally sample(byte[] value, int samples, long seed) {
        StoredObject original = decodeOriginal(value);
        List<Field> catalog = FieldCatalog.of(original);
        Map<FlipEffect, Long> m = new EnumMap<>(FlipEffect.class);
        Random r = new Random(seed);
        byte[] work = value.clone();
        for (int s = 0; s < samples; s++) {
            int i = r.nextInt(value.length);
            int b = r.nextInt(8);
            work[i] ^= (byte) (1 << b);
            m.merge(classify(catalog, work), 1L, Long::sum);
            work[i] ^= (byte) (1 << b);
        }
        return new Tally(m);
    }

    private StoredObject decodeOriginal(byte[] value) {
        return codec.tryDecode(value).orElseThrow(() -> new IllegalArgumentException("the original value does not decode: " + codec.decode(value)));
    }
}
