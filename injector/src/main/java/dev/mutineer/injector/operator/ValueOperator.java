package dev.mutineer.injector.operator;

import dev.mutineer.injector.fault.AtRestFault;
import dev.mutineer.injector.fault.Parameter;
import dev.mutineer.injector.fault.ParameterType;

import dev.mutineer.injector.catalog.Field;
import dev.mutineer.injector.catalog.FieldEdit;
import dev.mutineer.injector.catalog.FieldPath;
import dev.mutineer.injector.catalog.FieldType;
import dev.mutineer.injector.codec.StoredObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A data-type-aware replacement of one field's value: extreme, off-by-one or invalid values.
 * Parameters: {@code field} (path; random leaf, list or map when absent), {@code change}
 * (one of {@link #changesFor}; random among those when absent), {@code to} (for change=set:
 * the literal new value).
 */
public final class ValueOperator extends AtRestFault {

    public static final String NAME = "value";
    static final int LONG_STRING = 16 * 1024;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String doc() {
        return "Data-type-aware: an extreme or invalid value for one field's type.";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.drawn("field", "the field path; a random leaf, list or map when unset", ParameterType.TEXT),
                Parameter.drawn("change", "zero, min, max, empty, negate, nan, epoch, enum-undefined, ... by field type; set needs to", ParameterType.TEXT),
                Parameter.fixed("to", "the literal new value, with change set", ParameterType.TEXT));
    }

    /** The changes that apply to a field of this type (and, for enum-like strings, this kind). */
    public static List<String> changesFor(String kind, Field f) {
        List<String> l = new ArrayList<>(switch (f.type()) {
            case INT32, INT64 -> List.of("zero", "minus-one", "one", "min", "max", "increment", "decrement", "random");
            case STRING -> List.of("empty", "char", "random", "long");
            case BOOL -> List.of("negate");
            case DOUBLE -> List.of("zero", "minus-one", "max", "nan");
            case BYTES -> List.of("empty", "random");
            case QUANTITY -> List.of("zero", "negative", "huge", "tiny");
            case TIMESTAMP -> List.of("epoch", "far-future", "year-ago");
            case LIST -> ((Integer) f.value()) > 0 ? List.of("drop", "duplicate", "empty") : List.of();
            case MAP -> ((Integer) f.value()) > 0 ? List.of("drop-key", "change-key", "change-value", "empty") : List.of();
            case OBJECT, NULL -> List.of();
        });
        if (f.type() == FieldType.STRING && !EnumValues.valuesFor(kind, f.path(), String.valueOf(f.value())).isEmpty()) {
            l.add("enum-other");
            l.add("enum-undefined");
        }
        l.add("set");
        return l;
    }

    @Override
    public Mutation apply(OperatorInput in) {
        StoredObject o = in.object();
        Field f = FieldMutations.pick(in, field -> changesFor(o.kind(), field).size() > 1, "field a value change applies to");
        List<String> changes = changesFor(o.kind(), f);
        String change = in.parameters().get("change");
        Random r = in.random();
        if (change != null) {
            if (!changes.contains(change)) {
                throw new NotApplicableException("change=" + change + " does not apply to " + f.path() + " (" + f.type().label()
                        + "); it takes " + changes);
            }
            return apply(in.original(), o, f, change, in.parameters(), r);
        }
        // drawn: try the changes in a seeded order until one really changes the value ("zero" of a 0 does not)
        List<String> drawn = new ArrayList<>(changes.subList(0, changes.size() - 1)); // "set" needs "to"
        java.util.Collections.shuffle(drawn, r);
        for (String c : drawn) {
            try {
                return apply(in.original(), o, f, c, in.parameters(), r);
            } catch (NotApplicableException unchanged) {
                // next
            }
        }
        throw new NotApplicableException("no value change alters " + f.path() + " = " + f.display());
    }

    private static Mutation apply(byte[] original, StoredObject o, Field f, String change, Map<String, String> params, Random r) {
        String description = "value " + change + " on " + f.path();
        if (f.type() == FieldType.LIST) {
            return listChange(original, o, f, change, r, description);
        }
        if (f.type() == FieldType.MAP) {
            return mapChange(original, o, f, change, r, description);
        }
        Object v = newValue(o.kind(), f, change, params, r);
        if (java.util.Objects.equals(normalize(v), f.value())) {
            throw new NotApplicableException(description + " leaves the value " + f.display());
        }
        return FieldMutations.edit(original, o, f, new FieldEdit.Set(v), description);
    }

    /** The new value as the catalog would show it, to spot changes that change nothing. */
    private static Object normalize(Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof Instant t) {
            return t.toString();
        }
        if (v instanceof byte[] b) {
            return java.util.Base64.getEncoder().encodeToString(b);
        }
        return v;
    }

    private static Mutation listChange(byte[] original, StoredObject o, Field f, String change, Random r, String description) {
        int size = (Integer) f.value();
        FieldPath element = f.path().index(r.nextInt(size));
        return switch (change) {
            case "drop" -> FieldMutations.edit(original, o, element, new FieldEdit.Remove(), description + " " + element.last().text());
            case "duplicate" -> FieldMutations.edit(original, o, element, new FieldEdit.Duplicate(), description + " " + element.last().text());
            case "empty" -> FieldMutations.edit(original, o, f.path(), new FieldEdit.Clear(), description);
            default -> throw new NotApplicableException("change=" + change + " does not apply to a list");
        };
    }

    private static Mutation mapChange(byte[] original, StoredObject o, Field f, String change, Random r, String description) {
        List<String> keys = new ArrayList<>();
        // the catalog lists entries right after the map row; collect their keys
        for (Field row : dev.mutineer.injector.catalog.FieldCatalog.of(o)) {
            if (row.path().segments().size() == f.path().segments().size() + 1 && row.path().startsWith(f.path())) {
                keys.add(row.path().last().text());
            }
        }
        if (keys.isEmpty()) {
            throw new NotApplicableException(f.path() + " has no entries");
        }
        String key = keys.get(r.nextInt(keys.size()));
        FieldPath entry = f.path().key(key);
        return switch (change) {
            case "drop-key" -> FieldMutations.edit(original, o, entry, new FieldEdit.Remove(), description + " [" + key + "]");
            case "change-key" -> FieldMutations.edit(original, o, entry, new FieldEdit.RenameKey(oneCharChanged(key, r)), description + " [" + key + "]");
            case "change-value" -> {
                Field row = dev.mutineer.injector.catalog.FieldCatalog.find(o, entry)
                        .orElseThrow(() -> new NotApplicableException("no value at " + entry));
                if (!FieldMutations.isLeaf(row)) {
                    throw new NotApplicableException(entry + " holds a structure, not a value");
                }
                Object v = row.type() == FieldType.QUANTITY ? "0" : oneCharChanged(String.valueOf(row.value()), r);
                yield FieldMutations.edit(original, o, entry, new FieldEdit.Set(v), description + " [" + key + "]");
            }
            case "empty" -> FieldMutations.edit(original, o, f.path(), new FieldEdit.Clear(), description);
            default -> throw new NotApplicableException("change=" + change + " does not apply to a map");
        };
    }

    static Object newValue(String kind, Field f, String change, Map<String, String> params, Random r) {
        if (change.equals("set")) {
            String to = params.get("to");
            if (to == null) {
                throw new IllegalArgumentException("value change=set needs parameter to=");
            }
            return parse(f.type(), to);
        }
        Object cur = f.value();
        return switch (f.type()) {
            case INT32, INT64 -> {
                long v = (Long) cur;
                boolean i32 = f.type() == FieldType.INT32;
                yield switch (change) {
                    case "zero" -> 0L;
                    case "minus-one" -> -1L;
                    case "one" -> 1L;
                    case "min" -> i32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
                    case "max" -> i32 ? Integer.MAX_VALUE : Long.MAX_VALUE;
                    case "increment" -> v + 1;
                    case "decrement" -> v - 1;
                    case "random" -> i32 ? (long) r.nextInt() : r.nextLong();
                    default -> throw unknown(change, f);
                };
            }
            case STRING -> {
                String s = (String) cur;
                yield switch (change) {
                    case "empty" -> "";
                    case "char" -> oneCharChanged(s, r);
                    case "random" -> randomString(r, Math.max(1, s.length()));
                    case "long" -> "x".repeat(LONG_STRING);
                    case "enum-other" -> {
                        List<String> others = new ArrayList<>(EnumValues.valuesFor(kind, f.path(), s));
                        others.remove(s);
                        yield others.get(r.nextInt(others.size()));
                    }
                    case "enum-undefined" -> "Mutineer";
                    default -> throw unknown(change, f);
                };
            }
            case BOOL -> !(Boolean) cur;
            case DOUBLE -> switch (change) {
                case "zero" -> 0.0;
                case "minus-one" -> -1.0;
                case "max" -> Double.MAX_VALUE;
                case "nan" -> Double.NaN;
                default -> throw unknown(change, f);
            };
            case BYTES -> switch (change) {
                case "empty" -> new byte[0];
                case "random" -> {
                    byte[] b = new byte[16];
                    r.nextBytes(b);
                    yield b;
                }
                default -> throw unknown(change, f);
            };
            case QUANTITY -> switch (change) {
                case "zero" -> "0";
                case "negative" -> "-1";
                case "huge" -> "8Ei";
                case "tiny" -> "1n";
                default -> throw unknown(change, f);
            };
            case TIMESTAMP -> switch (change) {
                case "epoch" -> Instant.EPOCH;
                case "far-future" -> Instant.parse("9999-12-31T23:59:59Z");
                case "year-ago" -> Instant.parse(String.valueOf(cur)).minusSeconds(365L * 24 * 3600);
                default -> throw unknown(change, f);
            };
            default -> throw unknown(change, f);
        };
    }

    private static Object parse(FieldType type, String to) {
        return switch (type) {
            case INT32, INT64 -> Long.parseLong(to);
            case BOOL -> Boolean.parseBoolean(to);
            case DOUBLE -> Double.parseDouble(to);
            case TIMESTAMP -> Instant.parse(to);
            default -> to;
        };
    }

    /** One character replaced by another printable ASCII character (a plausible typo). */
    static String oneCharChanged(String s, Random r) {
        if (s.isEmpty()) {
            return "x";
        }
        int i = r.nextInt(s.length());
        char c = s.charAt(i);
        char n;
        do {
            n = (char) ('a' + r.nextInt(26));
        } while (n == c);
        return s.substring(0, i) + n + s.substring(i + 1);
    }

    static String randomString(Random r, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    private static IllegalArgumentException unknown(String change, Field f) {
        return new IllegalArgumentException("change=" + change + " is not defined for " + f.type().label() + " field " + f.path());
    }
}
