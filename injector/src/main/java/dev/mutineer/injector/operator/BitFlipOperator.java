package dev.mutineer.injector.operator;

import dev.mutineer.injector.catalog.FieldPath;
import dev.mutineer.injector.codec.WireSpans;

import java.util.Set;

/**
 * Flips one bit of the stored value, blind to meaning, as the study did.
 * Parameters: {@code byte} (index into the whole value, or into the field's bytes when
 * {@code field} is given), {@code bit} (0 = least significant), {@code field} (a field path:
 * flip inside that field's encoded bytes; protobuf values only). Missing ones are drawn from
 * the seeded random.
 */
public final class BitFlipOperator implements FaultOperator {

    public static final String NAME = "bit-flip";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> parameters() {
        return Set.of("byte", "bit", "field");
    }

    @Override
    public Mutation apply(OperatorInput in) {
        byte[] value = in.original();
        int start = 0;
        int length = value.length;
        String field = in.parameters().get("field");
        if (field != null) {
            FieldPath path = FieldPath.parse(field);
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
        return new Mutation(flipped, field == null ? "" : FieldPath.parse(field).toString(),
                String.format("byte %d = 0x%02x", at, value[at] & 0xFF), String.format("byte %d = 0x%02x", at, flipped[at] & 0xFF),
                "bit-flip bit " + bit + " of byte " + at + (field == null ? "" : " (byte " + index + " of " + field + ")"));
    }

    /** A copy of value with bit b of byte i flipped. */
    public static byte[] flip(byte[] value, int i, int b) {
        byte[] out = value.clone();
        out[i] ^= (byte) (1 << b);
        return out;
    }
}
