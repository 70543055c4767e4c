package dev.mutineer.injector.codec;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

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
        message(Shape.of(type), end, depth);
    }

    private void message(Shape type, int end, int depth) {
        if (depth > MAX_DEPTH) {
            throw new WireError("proto: nesting too deep");
        }
        while (pos < end) {
            long wire = varint(end);
            int fieldNum = (int) (wire >>> 3);
            int wireType = (int) (wire & 7);
            if (wireType == 4) {
                throw new WireError("proto: " + type.name + ": wiretype end group for non-group");
            }
            if (fieldNum <= 0) {
                throw new WireError("proto: " + type.name + ": illegal tag " + fieldNum + " (wire type " + wireType + ")");
            }
            int expected = type.wireType(fieldNum);
            if (expected < 0) {
                skip(wireType, end);
                continue;
            }
            boolean packed = type.repeated[fieldNum] && expected != 2 && wireType == 2;
            if (wireType != expected && !packed) {
                throw new WireError("proto: wrong wireType = " + wireType + " for field " + type.fieldName(fieldNum));
            }
            switch (wireType) {
                case 0 -> varint(end);
                case 1 -> advance(8, end);
                case 5 -> advance(4, end);
                case 2 -> {
                    int valueEnd = lengthDelimited(end);
                    Shape nested = packed ? null : type.nested(fieldNum);
                    if (nested != null) {
                        message(nested, valueEnd, depth + 1);
                    } else if (fieldNum == 1 && type.quantity) {
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

    /**
     * What the check needs of a message type, by field number, worked out once per type: protobuf-java 4's
     * FieldDescriptor.getType() resolves editions features on every call and cost a sixth of a Pod's decode.
     */
    private static final class Shape {
        private static final ConcurrentHashMap<Descriptor, Shape> SHAPES = new ConcurrentHashMap<>();

        final String name;
        final boolean quantity;
        private final Descriptor type;
        /** By field number: the wire type a field must come with, -1 for numbers the type does not have. */
        private final int[] wireTypes;
        final boolean[] repeated;
        private final Descriptor[] messageTypes;
        private final Shape[] nested;

        private Shape(Descriptor type) {
            this.type = type;
            this.name = type.getName();
            this.quantity = type.getFullName().equals(QUANTITY);
            int max = type.getFields().stream().mapToInt(FieldDescriptor::getNumber).max().orElse(0);
            wireTypes = new int[max + 1];
            java.util.Arrays.fill(wireTypes, -1);
            repeated = new boolean[max + 1];
            messageTypes = new Descriptor[max + 1];
            nested = new Shape[max + 1];
            for (FieldDescriptor fd : type.getFields()) {
                int n = fd.getNumber();
                wireTypes[n] = expectedWireType(fd);
                repeated[n] = fd.isRepeated();
                if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                    messageTypes[n] = fd.getMessageType();
                }
            }
        }

        static Shape of(Descriptor type) {
            return SHAPES.computeIfAbsent(type, Shape::new);
        }

        int wireType(int fieldNum) {
            return fieldNum < wireTypes.length ? wireTypes[fieldNum] : -1;
        }

        /** The shape of a message field's type, null for other fields; types refer to each other, so lazily. */
        Shape nested(int fieldNum) {
            Shape s = nested[fieldNum];
            if (s == null && messageTypes[fieldNum] != null) {
                s = of(messageTypes[fieldNum]);
                nested[fieldNum] = s; // a benign race: every thread computes the same shape
            }
            return s;
        }

        String fieldName(int fieldNum) {
            return type.findFieldByNumber(fieldNum).getName();
        }
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
