package dev.mutineer.injector.operator;

import dev.mutineer.injector.catalog.Field;
import dev.mutineer.injector.catalog.FieldCatalog;
import dev.mutineer.injector.catalog.FieldPath;
import dev.mutineer.injector.codec.DecodeResult;
import dev.mutineer.injector.codec.StoredObject;
import dev.mutineer.injector.codec.WireSpans;
import dev.mutineer.injector.fault.AtRestFault;
import dev.mutineer.injector.fault.Parameter;
import dev.mutineer.injector.fault.ParameterType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Flips one bit of the stored value, blind to meaning, as the study did.
 * Parameters: {@code byte} (index into the whole value, or into the field's bytes when
 * {@code field} is given), {@code bit} (0 = least significant), {@code field} (a field path:
 * flip inside that field's encoded bytes; protobuf values only). Missing ones are drawn from
 * the seeded random.
 */
public final class BitFlipOperator extends AtRestFault {

    public static final String NAME = "bit-flip";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String doc() {
        return "Flips one bit of the stored value, blind to meaning, as the study did.";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.drawn("field", "flip inside this field's encoded bytes (protobuf values only)", ParameterType.TEXT),
                Parameter.drawn("byte", "index into the value, or into the field's bytes when field is given", ParameterType.atLeast(0)),
                Parameter.drawn("bit", "0 = least significant", ParameterType.between(0, 7)));
    }

    @Override
    public Mutation apply(OperatorInput in) {
        byte[] value = in.original();
        int start = 0;
        int length = value.length;
        String field = in.parameters().get("field");
        FieldPath path = field == null ? null : FieldPath.parse(field);
        if (path != null) {
            WireSpans.Span span = WireSpans.locate(value, in.object(), path)
                    .orElseThrow(() -> new NotApplicableException("no encoded bytes for field " + path + " in " + in.object()));
            start = span.offset();
            length = span.length();
        }
        if (length == 0) {
            throw new NotApplicableException("field " + field + " has no bytes to flip (empty value)");
        }
        Integer byteParam = in.intParam("byte");
        Integer bitParam = in.intParam("bit");
        int index;
        if (byteParam != null) {
            index = byteParam;
        } else if (path == null && in.decoded() instanceof StoredObject object) {
            index = drawByte(value, object, in.random());
        } else {
            index = StableDraw.at(in.random().nextDouble(), length);
        }
        int bit = bitParam != null ? bitParam : in.random().nextInt(8);
        if (index < 0 || index >= length) {
            throw new NotApplicableException("byte " + index + " is outside the " + length + " bytes " + (field == null ? "of the value" : "of " + field));
        }
        if (bit < 0 || bit > 7) {
            throw new IllegalArgumentException("bit must be 0..7, got " + bit);
        }
        int at = start + index;
        byte[] flipped = flip(value, at, bit);
        Map<String, String> replay = path != null ? inField(path, index, bit) : anchor(value, in.decoded(), at, bit);
        return new Mutation(flipped, path == null ? "" : path.toString(),
                String.format("byte %d = 0x%02x", at, value[at] & 0xFF), String.format("byte %d = 0x%02x", at, flipped[at] & 0xFF),
                "bit-flip bit " + bit + " of byte " + at + (field == null ? "" : " (byte " + index + " of " + field + ")"), replay);
    }

    /**
     * A byte drawn uniformly from the whole value, in two steps so that the same seed hits the same field on any
     * copy of the object: the value is cut into segments (each leaf field's encoded bytes, and the bytes between
     * them: tags, lengths, the envelope), a segment is drawn by name with its length as weight (so every byte
     * keeps probability 1 / length), then a byte at a drawn fraction of the segment. A plain index into the value
     * would hit another field on a cluster where an earlier UID, IP or generated name has another length.
     */
    static int drawByte(byte[] value, StoredObject object, Random random) {
        List<Segment> segments = segments(value, object);
        Segment s = StableDraw.pick(segments, Segment::name, Segment::length, random.nextLong());
        return s.offset() + StableDraw.at(random.nextDouble(), s.length());
    }

    /** Bytes [offset, offset + length) of the value, named by the field that holds them or the field they precede. */
    record Segment(String name, int offset, int length) { }

    /** The value cut into the leaf fields' spans and the gaps between them, in order; together they cover it. */
    static List<Segment> segments(byte[] value, StoredObject object) {
        List<Segment> leaves = new ArrayList<>();
        for (Field row : FieldCatalog.of(object)) {
            if (FieldMutations.isLeaf(row)) {
                WireSpans.locate(value, object, row.path())
                        .filter(span -> span.length() > 0)
                        .ifPresent(span -> leaves.add(new Segment(row.path().toString(), span.offset(), span.length())));
            }
        }
        leaves.sort(Comparator.comparingInt(Segment::offset));
        List<Segment> out = new ArrayList<>();
        int at = 0;
        for (Segment leaf : leaves) {
            if (leaf.offset() < at) {
                continue; // overlaps one already taken (a repeated key decoded once); its bytes are covered
            }
            if (leaf.offset() > at) {
                out.add(new Segment("before " + leaf.name(), at, leaf.offset() - at));
            }
            out.add(leaf);
            at = leaf.offset() + leaf.length();
        }
        if (at < value.length) {
            out.add(new Segment("end", at, value.length - at));
        }
        return out;
    }

    /**
     * Where a meaning-blind flip landed, in terms that survive another copy of the object: the innermost field
     * whose encoded bytes hold byte {@code at}, and the byte's place among them. The same object on another
     * cluster has other UIDs, timestamps and IPs, so an absolute byte index would hit another field there; a
     * replay with these parameters flips the same bit of the same field. Bytes no field holds (the storage
     * envelope, top-level tags) keep their absolute index.
     */
    static Map<String, String> anchor(byte[] value, DecodeResult decoded, int at, int bit) {
        Map<String, String> absolute = Map.of("byte", Integer.toString(at), "bit", Integer.toString(bit));
        if (!(decoded instanceof StoredObject object)) {
            return absolute;
        }
        // every field the catalog lists, and every message on the way to one, is a candidate
        Set<FieldPath> candidates = new LinkedHashSet<>();
        for (Field row : FieldCatalog.of(object)) {
            for (FieldPath p = row.path(); !p.isRoot(); p = p.parent()) {
                if (!candidates.add(p)) {
                    break;
                }
            }
        }
        FieldPath best = null;
        WireSpans.Span bestSpan = null;
        for (FieldPath p : candidates) {
            Optional<WireSpans.Span> span = WireSpans.locate(value, object, p);
            if (span.isPresent() && span.get().offset() <= at && at < span.get().offset() + span.get().length()
                    && (bestSpan == null || span.get().length() < bestSpan.length())) {
                best = p;
                bestSpan = span.get();
            }
        }
        return best == null ? absolute : inField(best, at - bestSpan.offset(), bit);
    }

    /** The parameters of a flip of bit {@code bit} of byte {@code index} of the field's encoded bytes. */
    private static Map<String, String> inField(FieldPath field, int index, int bit) {
        return Map.of("field", field.toString(), "byte", Integer.toString(index), "bit", Integer.toString(bit));
    }

    /** A copy of value with bit b of byte i flipped. */
    public static byte[] flip(byte[] value, int i, int b) {
        byte[] out = value.clone();
        out[i] ^= (byte) (1 << b);
        return out;
    }
}
