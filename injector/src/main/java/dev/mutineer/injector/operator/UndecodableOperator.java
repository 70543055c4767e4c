package dev.mutineer.injector.operator;

import dev.mutineer.injector.fault.AtRestFault;
import dev.mutineer.injector.fault.Parameter;
import dev.mutineer.injector.fault.ParameterType;

import java.util.List;

import dev.mutineer.injector.codec.DecodeFailure;
import dev.mutineer.injector.codec.StorageCodec;

import java.util.Arrays;

/**
 * Makes the value impossible for the API server to decode, which makes the whole resource
 * type unreadable until the key is repaired or deleted. Parameter {@code how}:
 * <ul>
 *   <li>{@code truncate} (default): keep the first half of the bytes;</li>
 *   <li>{@code bad-magic}: change the "k8s\0" prefix (or the leading "{" of JSON);</li>
 *   <li>{@code bad-length}: make the envelope's raw-object length point past the end.</li>
 * </ul>
 * The result is checked with the codec: an operator that promises "undecodable" must deliver it.
 */
public final class UndecodableOperator extends AtRestFault {

    public static final String NAME = "undecodable";
    private static final StorageCodec CODEC = new StorageCodec();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String doc() {
        return "A stored value the API server cannot decode (breaks the watch of the whole type).";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.fixed("how", "how the value is broken (default truncate)", ParameterType.oneOf("truncate", "bad-magic", "bad-length")));
    }

    @Override
    public Mutation apply(OperatorInput in) {
        byte[] v = in.original();
        String how = in.param("how", "truncate");
        byte[] out = switch (how) {
            case "truncate" -> Arrays.copyOf(v, Math.max(1, v.length / 2));
            case "bad-magic" -> badMagic(v);
            case "bad-length" -> badLength(v);
            default -> throw new IllegalArgumentException("undecodable how=" + how + "; expected truncate, bad-magic or bad-length");
        };
        if (!(CODEC.decode(out) instanceof DecodeFailure f) || f.kind() != DecodeFailure.Kind.CORRUPT) {
            throw new NotApplicableException("undecodable how=" + how + " left a value that still decodes");
        }
        return new Mutation(out, "", v.length + " bytes", out.length + " bytes: " + f.reason(), "undecodable " + how);
    }

    private static byte[] badMagic(byte[] v) {
        byte[] out = v.clone();
        out[0] = (byte) (StorageCodec.hasMagic(v) ? 'K' : '<');
        return out;
    }

    /**
     * The envelope is field 1 (typeMeta), then field 2 (raw): tag 0x12 and a varint length.
     * The length is raised to the largest number its varint width holds, so the byte count is
     * unchanged and the length now runs past the end.
     */
    private static byte[] badLength(byte[] v) {
        if (!StorageCodec.hasMagic(v)) {
            throw new NotApplicableException("bad-length needs a protobuf value");
        }
        int pos = 4;
        while (pos < v.length) {
            int tag = v[pos] & 0xFF;
            pos++;
            int lenStart = pos;
            long len = 0;
            int shift = 0;
            while ((v[pos] & 0x80) != 0) {
                len |= (long) (v[pos++] & 0x7F) << shift;
                shift += 7;
            }
            len |= (long) (v[pos++] & 0x7F) << shift;
            if (tag == 0x12) {
                byte[] out = v.clone();
                for (int i = lenStart; i < pos - 1; i++) {
                    out[i] = (byte) 0xFF;
                }
                out[pos - 1] = 0x7F;
                return out;
            }
            pos += (int) len;
        }
        throw new NotApplicableException("no raw field in the envelope");
    }
}
