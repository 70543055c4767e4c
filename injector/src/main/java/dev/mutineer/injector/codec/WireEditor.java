package dev.mutineer.injector.codec;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.mutineer.injector.catalog.FieldPath;
import dev.mutineer.injector.codec.WireScan.Occ;
import io.kubernetes.client.proto.Runtime.Unknown;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replaces one present field's value directly in the stored bytes: the new value is spliced
 * in and the length prefixes of the enclosing messages (up to the envelope's raw field) are
 * rewritten. Every other byte stays as the API server wrote it, and no object is built, so
 * this is the fast path for value injection (and what the throughput benchmark measures).
 *
 * <p>Handles a field that occurs once at each level of the path, as Go writes them; the
 * last occurrence wins when a flip duplicated one, as in decoding.
 */
public final class WireEditor {

    /** A length-delimited field enclosing the target: where its length varint starts, its content starts and ends. */
    private record Enclosing(int lengthStart, int contentStart, int contentEnd) { }

    record Located(List<Enclosing> enclosing, Occ target, FieldDescriptor field) { }

    private WireEditor() {
    }

    /**
     * The stored value with the field at path set to {@code newValue} (String, Number or
     * Boolean; a quantity string for Quantity fields), or empty when the path does not name a
     * present scalar, string or quantity field of a protobuf value.
     */
    public static Optional<byte[]> set(byte[] value, Descriptor rootType, FieldPath path, Object newValue) {
        Optional<Located> at = locate(value, rootType, path);
        if (at.isEmpty()) {
            return Optional.empty();
        }
        Located l = at.get();
        byte[] encoded = encode(l.field, newValue);
        if (encoded == null) {
            return Optional.empty();
        }
        List<Enclosing> chain = new ArrayList<>(l.enclosing);
        Occ t = l.target;
        if (t.wireType() == 2) {
            // the field's own length prefix changes with its content, like an enclosing message's
            chain.add(new Enclosing(t.lengthStart(), t.start(), t.end()));
        }
        return Optional.of(splice(value, chain, t.start(), t.end(), encoded));
    }

    private static byte[] splice(byte[] v, List<Enclosing> chain, int start, int end, byte[] replacement) {
        int n = chain.size();
        long[] newLength = new long[n];
        long delta = replacement.length - (end - start);
        for (int i = n - 1; i >= 0; i--) {
            Enclosing e = chain.get(i);
            newLength[i] = (e.contentEnd - e.contentStart) + delta;
            delta += varintSize(newLength[i]) - (e.contentStart - e.lengthStart);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) (v.length + delta));
        int pos = 0;
        for (int i = 0; i < n; i++) {
            Enclosing e = chain.get(i);
            out.write(v, pos, e.lengthStart - pos);
            writeVarint(out, newLength[i]);
            pos = e.contentStart;
        }
        out.write(v, pos, start - pos);
        out.write(replacement, 0, replacement.length);
        out.write(v, end, v.length - end);
        return out.toByteArray();
    }

    private static byte[] encode(FieldDescriptor fd, Object v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (fd.getJavaType()) {
            case STRING -> {
                byte[] s = String.valueOf(v).getBytes(StandardCharsets.UTF_8);
                out.write(s, 0, s.length);
            }
            case INT -> writeVarint(out, ((Number) v).intValue()); // negative int32: sign-extended to 10 bytes, as Go writes it
            case LONG -> writeVarint(out, ((Number) v).longValue());
            case BOOLEAN -> out.write((Boolean) v ? 1 : 0);
            case MESSAGE -> {
                if (!fd.getMessageType().getFullName().equals(GoWireRules.QUANTITY)) {
                    return null;
                }
                byte[] s = String.valueOf(v).getBytes(StandardCharsets.UTF_8);
                out.write(0x0a);
                writeVarint(out, s.length);
                out.write(s, 0, s.length);
            }
            default -> {
                return null;
            }
        }
        return out.toByteArray();
    }

    /** The present field at path with the length-delimited fields enclosing it, outermost first. */
    static Optional<Located> locate(byte[] value, Descriptor rootType, FieldPath path) {
        if (!StorageCodec.hasMagic(value)) {
            return Optional.empty();
        }
        Occ raw = WireScan.last(WireScan.fields(value, StorageCodec.MAGIC.length, value.length), Unknown.RAW_FIELD_NUMBER);
        if (raw == null || raw.wireType() != 2) {
            return Optional.empty();
        }
        List<Enclosing> chain = new ArrayList<>();
        chain.add(new Enclosing(raw.lengthStart(), raw.start(), raw.end()));
        Descriptor type = rootType;
        List<FieldPath.Segment> segs = path.segments();
        Occ chosen = null;
        FieldDescriptor fd = null;
        for (int i = 0; i < segs.size(); i++) {
            if (type == null || segs.get(i).bracketed()) {
                return Optional.empty();
            }
            fd = type.findFieldByName(segs.get(i).text());
            if (fd == null) {
                return Optional.empty();
            }
            Enclosing parent = chain.get(chain.size() - 1);
            int number = fd.getNumber();
            List<Occ> occ = WireScan.fields(value, parent.contentStart, parent.contentEnd).stream().filter(o -> o.number() == number).toList();
            if (fd.isMapField() && i + 1 < segs.size()) {
                String key = segs.get(++i).text();
                chosen = null;
                for (Occ entry : occ) {
                    List<Occ> kv = WireScan.fields(value, entry.start(), entry.end());
                    Occ k = WireScan.last(kv, 1);
                    if (k != null && new String(value, k.start(), k.end() - k.start(), StandardCharsets.UTF_8).equals(key)) {
                        chain.add(new Enclosing(entry.lengthStart(), entry.start(), entry.end()));
                        chosen = WireScan.last(kv, 2);
                        break;
                    }
                }
                fd = fd.getMessageType().findFieldByNumber(2);
            } else if (fd.isRepeated() && i + 1 < segs.size()) {
                int idx = Integer.parseInt(segs.get(++i).text());
                chosen = idx < occ.size() ? occ.get(idx) : null;
            } else if (fd.isRepeated()) {
                return Optional.empty();
            } else {
                chosen = occ.isEmpty() ? null : occ.get(occ.size() - 1);
            }
            if (chosen == null) {
                return Optional.empty();
            }
            boolean last = i == segs.size() - 1;
            if (!last) {
                if (fd.getJavaType() != FieldDescriptor.JavaType.MESSAGE || chosen.wireType() != 2) {
                    return Optional.empty();
                }
                chain.add(new Enclosing(chosen.lengthStart(), chosen.start(), chosen.end()));
                type = fd.getMessageType();
            }
        }
        if (fd == null || chosen == null) {
            return Optional.empty();
        }
        int expected = fd.getJavaType() == FieldDescriptor.JavaType.STRING || fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? 2 : 0;
        if (chosen.wireType() != expected) {
            return Optional.empty();
        }
        return Optional.of(new Located(chain, chosen, fd));
    }

    private static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
