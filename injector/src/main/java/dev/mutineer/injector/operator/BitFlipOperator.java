package dev.mutineer.injector.operator;

import dev.mutineer.injector.fault.AtRestFault;
import dev.mutineer.injector.fault.Parameter;
import dev.mutineer.injector.fault.ParameterType;

import java.util.List;

import dev.mutineer.injector.catalog.Field;
import dev.mutineer.injector.catalog.FieldCatalog;
import dev.mutineer.injector.catalog.FieldPath;
import dev.mutineer.injector.codec.DecodeResult;
import dev.mutineer.injector.codec.StoredObject;
import dev.mutineer.injector.codec.WireSpans;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
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
        int index = byteParam != null ? byteParam : in.random().nextInt(length);
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
