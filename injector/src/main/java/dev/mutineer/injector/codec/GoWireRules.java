package dev.mutineer.injector.codec;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;

import java.nio.charset.StandardCharsets;

/**
 * The checks the API server's generated (gogo) unmarshalling code makes that protobuf-java
 * does not, so that "decodes" here means what it means to the API server:
 * <ul>
 *   <li>a known field with the wrong wire type is an error (protobuf-java keeps it as an unknown field);</li>
 *   <li>an end-group tag, tag 0, a negative length or a length past the end is an error;</li>
 *   <li>unknown fields are skipped (and dropped), wire types 6 and 7 are errors;</li>
 *   <li>every resource.Quantity string must parse.</li>
 * </ul>
 * Repeated numeric fields accept packed and unpacked encodings, as gogo does. Map entries are
 * checked like messages (gogo reads key and value without looking at their wire type; a flip
 * there is rare enough that this approximation is kept).
 */
final class GoWireRules {

    static final String QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity";
    private static final int MAX_DEPTH = 100;

    private final byte[] buf;
    private int pos;

    private GoWireRules(byte[] buf, int pos) {
        this.buf = buf;
        this.pos = pos;
    }

    /** Null when the API server would accept {@code buf[start,end)} as {@code type}, else why not. */
    static String violation(Descriptor type, byte[] buf, int start, int end) {
        try {
            new GoWireRules(buf, start).message(type, end, 0);
            return null;
        } catch (WireError e) {
            return e.getMessage();
        }
    }

    private void message(Descriptor type, int end, int depth) {
        if (depth > MAX_DEPTH) {
            throw new WireError("proto: nesting too deep");
        }
        while (pos < end) {
            long wire = varint(end);
            int fieldNum = (int) (wire >>> 3);
            int wireType = (int) (wire & 7);
            if (wireType == 4) {
                throw new WireError("proto: " + type.getName() + ": wiretype end group for non-group");
            }
            if (fieldNum <= 0) {
                throw new WireError("proto: " + type.getName() + ": illegal tag " + fieldNum + " (wire type " + wireType + ")");
            }
            FieldDescriptor fd = type.findFieldByNumber(fieldNum);
            if (fd == null) {
                skip(wireType, end);
                continue;
            }
            int expected = expectedWireType(fd);
            boolean packed = fd.isRepeated() && expected != 2 && wireType == 2;
            if (wireType != expected && !packed) {
                throw new WireError("proto: wrong wireType = " + wireType + " for field " + fd.getName());
            }
            switch (wireType) {
                case 0 -> varint(end);
                case 1 -> advance(8, end);
                case 5 -> advance(4, end);
                case 2 -> {
                    int valueEnd = lengthDelimited(end);
                    if (!packed && fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                        message(fd.getMessageType(), valueEnd, depth + 1);
                    } else if (fieldNum == 1 && type.getFullName().equals(QUANTITY)) {
                        String s = new String(buf, pos, valueEnd - pos, StandardCharsets.UTF_8);
                        if (!QuantitySyntax.valid(s)) {
                            throw new WireError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': " + s);
                        }
                    }
                    pos = valueEnd;
                }
                default -> throw new WireError("proto: illegal wireType " + wireType);
            }
        }
        if (pos > end) {
            throw new WireError("unexpected EOF");
        }
    }

    private static int expectedWireType(FieldDescriptor fd) {
        return switch (fd.getType()) {
            case DOUBLE, FIXED64, SFIXED64 -> 1;
            case FLOAT, FIXED32, SFIXED32 -> 5;
            case STRING, BYTES, MESSAGE, GROUP -> 2;
            default -> 0;
        };
    }

    /** gogo's skipGenerated: groups are skipped by depth, without matching field numbers. */
    private void skip(int wireType, int end) {
        int depth = 0;
        while (true) {
            switch (wireType) {
                case 0 -> varint(end);
                case 1 -> advance(8, end);
                case 2 -> pos = lengthDelimited(end);
                case 3 -> depth++;
                case 4 -> {
                    if (depth == 0) {
                        throw new WireError("proto: unexpected end of group");
                    }
                    depth--;
                }
                case 5 -> advance(4, end);
                default -> throw new WireError("proto: illegal wireType " + wireType);
            }
            if (depth == 0) {
                return;
            }
            if (pos >= end) {
                throw new WireError("unexpected EOF");
            }
            wireType = (int) (varint(end) & 7);
        }
    }

    private int lengthDelimited(int end) {
        long len = varint(end);
        // gogo converts to int: values that wrap negative are "negative length"
        if (len < 0 || len > Integer.MAX_VALUE) {
            throw new WireError("proto: negative length found during unmarshaling");
        }
        long valueEnd = pos + len;
        if (valueEnd > end) {
            throw new WireError("unexpected EOF");
        }
        return (int) valueEnd;
    }

    private void advance(int n, int end) {
        if (pos + n > end) {
            throw new WireError("unexpected EOF");
        }
        pos += n;
    }

    private long varint(int end) {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            if (shift >= 64) {
                throw new WireError("proto: integer overflow");
            }
            if (pos >= end) {
                throw new WireError("unexpected EOF");
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
    }

    private static final class WireError extends RuntimeException {
        WireError(String message) {
            super(message, null, false, false);
        }
    }
}
