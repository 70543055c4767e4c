package dev.mutineer.injector.codec;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.mutineer.injector.catalog.FieldPath;
import io.kubernetes.client.proto.Runtime.Unknown;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a field's encoded bytes sit inside a stored protobuf value, so a bit can be flipped
 * inside one field ("bit-flip with field=spec.nodeName") instead of anywhere in the value.
 * Walks the wire format with the descriptors; no decoding of values.
 */
public final class WireSpans {

    /** Bytes [offset, offset + length) of the stored value hold the field's value. */
    public record Span(int offset, int length) { }

    private record Occurrence(int number, int wireType, int valueStart, int valueEnd) { }

    private WireSpans() {
    }

    /** The span of the field's value (content bytes for strings and messages), if present. */
    public static Optional<Span> locate(byte[] value, StoredObject object, FieldPath path) {
        if (object.format() != StorageFormat.PROTOBUF || !StorageCodec.hasMagic(value)) {
            return Optional.empty();
        }
        Occurrence raw = last(fields(value, StorageCodec.MAGIC.length, value.length), Unknown.RAW_FIELD_NUMBER);
        if (raw == null) {
            return Optional.empty();
        }
        Descriptor type = object.message().getDescriptorForType();
        int start = raw.valueStart;
        int end = raw.valueEnd;
        List<FieldPath.Segment> segs = path.segments();
        for (int i = 0; i < segs.size(); i++) {
            FieldPath.Segment s = segs.get(i);
            if (type == null || s.bracketed()) {
                return Optional.empty();
            }
            FieldDescriptor fd = type.findFieldByName(s.text());
            if (fd == null) {
                return Optional.empty();
            }
            List<Occurrence> occ = fields(value, start, end).stream().filter(o -> o.number == fd.getNumber()).toList();
            Occurrence chosen;
            if (fd.isMapField() && i + 1 < segs.size()) {
                String key = segs.get(++i).text();
                chosen = null;
                for (Occurrence entry : occ) {
                    List<Occurrence> kv = fields(value, entry.valueStart, entry.valueEnd);
                    Occurrence k = last(kv, 1);
                    if (k != null && new String(value, k.valueStart, k.valueEnd - k.valueStart, StandardCharsets.UTF_8).equals(key)) {
                        chosen = last(kv, 2);
                    }
                }
                FieldDescriptor valueFd = fd.getMessageType().findFieldByNumber(2);
                type = valueFd.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? valueFd.getMessageType() : null;
            } else if (fd.isRepeated() && i + 1 < segs.size()) {
                int idx = Integer.parseInt(segs.get(++i).text());
                chosen = idx < occ.size() ? occ.get(idx) : null;
                type = fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? fd.getMessageType() : null;
            } else {
                chosen = occ.isEmpty() ? null : occ.get(occ.size() - 1);
                type = fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? fd.getMessageType() : null;
            }
            if (chosen == null) {
                return Optional.empty();
            }
            start = chosen.valueStart;
            end = chosen.valueEnd;
        }
        return Optional.of(new Span(start, end - start));
    }

    private static Occurrence last(List<Occurrence> l, int number) {
        Occurrence found = null;
        for (Occurrence o : l) {
            if (o.number == number) {
                found = o;
            }
        }
        return found;
    }

    /** The top-level fields of buf[start, end); stops quietly at anything malformed. */
    private static List<Occurrence> fields(byte[] buf, int start, int end) {
        List<Occurrence> out = new ArrayList<>();
        int[] pos = {start};
        while (pos[0] < end) {
            long tag = varint(buf, pos, end);
            if (tag < 0) {
                break;
            }
            int wireType = (int) (tag & 7);
            int number = (int) (tag >>> 3);
            int valueStart = pos[0];
            switch (wireType) {
                case 0 -> {
                    if (varint(buf, pos, end) < 0) {
                        return out;
                    }
                }
                case 1 -> pos[0] += 8;
                case 5 -> pos[0] += 4;
                case 2 -> {
                    long len = varint(buf, pos, end);
                    if (len < 0 || pos[0] + len > end) {
                        return out;
                    }
                    valueStart = pos[0];
                    pos[0] += (int) len;
                }
                default -> {
                    return out;
                }
            }
            if (pos[0] > end) {
                return out;
            }
            out.add(new Occurrence(number, wireType, valueStart, pos[0]));
        }
        return out;
    }

    private static long varint(byte[] buf, int[] pos, int end) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= end) {
                return -1;
            }
            byte b = buf[pos[0]++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        return -1;
    }
}
