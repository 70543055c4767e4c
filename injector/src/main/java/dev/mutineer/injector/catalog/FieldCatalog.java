package dev.mutineer.injector.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.mutineer.injector.codec.StorageFormat;
import dev.mutineer.injector.codec.StoredObject;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every field present in a stored object, found generically: from the protobuf descriptors for
 * built-in types, from the JSON tree for custom resources. Lists and maps get a row of their
 * own (so operators can drop, duplicate or empty them) and a row per element.
 */
public final class FieldCatalog {

    /** JSON objects whose keys are data, not field names: written as map keys, [key]. */
    private static final Set<String> JSON_MAPS = Set.of("labels", "annotations", "matchLabels", "nodeSelector", "data",
            "stringData", "binaryData", "selector", "capacity", "allocatable", "limits", "requests");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");
    private static final Pattern RFC3339 = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)");

    private FieldCatalog() {
    }

    public static List<Field> of(StoredObject object) {
        List<Field> out = new ArrayList<>(128);
        if (object.format() == StorageFormat.PROTOBUF) {
            message(object.message(), FieldPath.ROOT, out);
        } else {
            json(object.json(), FieldPath.ROOT, null, out);
        }
        return out;
    }

    /**
     * The row at path, if the object has that field: the row {@link #of} would list there. For protobuf objects
     * only the fields the path names are looked at, so finding one field costs a walk down its path, not a
     * catalog of the whole object (operators and the in-flight mutator look fields up once per injection).
     */
    public static Optional<Field> find(StoredObject object, FieldPath path) {
        if (path.isRoot()) {
            return Optional.empty();
        }
        if (object.format() == StorageFormat.PROTOBUF) {
            return Optional.ofNullable(findIn(object.message(), path, 0));
        }
        String wanted = path.toString();
        return of(object).stream().filter(f -> f.path().toString().equals(wanted)).findFirst();
    }

    /** The row at path, looking from segment i on inside m; null when the catalog has none there. */
    private static Field findIn(Message m, FieldPath path, int i) {
        List<FieldPath.Segment> segments = path.segments();
        FieldPath.Segment s = segments.get(i);
        FieldDescriptor fd = s.bracketed() ? null : m.getDescriptorForType().findFieldByName(s.text());
        if (fd == null) {
            return null;
        }
        if (!fd.isRepeated()) {
            return m.hasField(fd) ? descend(fd, m.getField(fd), path, i + 1) : null;
        }
        int count = m.getRepeatedFieldCount(fd);
        if (count == 0) {
            return null;
        }
        if (i + 1 == segments.size()) {
            return new Field(path, fd.isMapField() ? FieldType.MAP : FieldType.LIST, count);
        }
        FieldPath.Segment element = segments.get(i + 1);
        if (!element.bracketed()) {
            return null;
        }
        if (fd.isMapField()) {
            FieldDescriptor keyFd = fd.getMessageType().findFieldByNumber(1);
            FieldDescriptor valueFd = fd.getMessageType().findFieldByNumber(2);
            for (int k = 0; k < count; k++) {
                Message entry = (Message) m.getRepeatedField(fd, k);
                if (String.valueOf(entry.getField(keyFd)).equals(element.text())) {
                    return descend(valueFd, entry.getField(valueFd), path, i + 2);
                }
            }
            return null;
        }
        for (int k = 0; k < count; k++) {
            // the catalog writes indexes as plain decimal: "[01]" names no row
            if (Integer.toString(k).equals(element.text())) {
                return descend(fd, m.getRepeatedField(fd, k), path, i + 2);
            }
        }
        return null;
    }

    /** The row for value v of field fd if the path ends at segment next, else the search below v. */
    private static Field descend(FieldDescriptor fd, Object v, FieldPath path, int next) {
        boolean end = next == path.segments().size();
        if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            Message sub = (Message) v;
            FieldType leaf = LeafTypes.leafType(sub.getDescriptorForType());
            if (leaf != null) {
                return end ? new Field(path, leaf, LeafTypes.valueOf(sub)) : null;
            }
            if (end) {
                // a message with fields has rows for its fields, not one of its own
                return sub.getAllFields().isEmpty() ? new Field(path, FieldType.OBJECT, "{}") : null;
            }
            return findIn(sub, path, next);
        }
        if (!end) {
            return null;
        }
        List<Field> row = new ArrayList<>(1);
        value(fd, v, path, row);
        return row.get(0);
    }

    private static void message(Message m, FieldPath at, List<Field> out) {
        Map<FieldDescriptor, Object> fields = m.getAllFields();
        if (fields.isEmpty() && !at.isRoot()) {
            out.add(new Field(at, FieldType.OBJECT, "{}"));
            return;
        }
        for (Map.Entry<FieldDescriptor, Object> e : fields.entrySet()) {
            FieldDescriptor fd = e.getKey();
            FieldPath path = at.field(fd.getName());
            if (fd.isMapField()) {
                List<?> entries = (List<?>) e.getValue();
                out.add(new Field(path, FieldType.MAP, entries.size()));
                FieldDescriptor keyFd = fd.getMessageType().findFieldByNumber(1);
                FieldDescriptor valueFd = fd.getMessageType().findFieldByNumber(2);
                for (Object o : entries) {
                    Message entry = (Message) o;
                    value(valueFd, entry.getField(valueFd), path.key(String.valueOf(entry.getField(keyFd))), out);
                }
            } else if (fd.isRepeated()) {
                List<?> items = (List<?>) e.getValue();
                out.add(new Field(path, FieldType.LIST, items.size()));
                for (int i = 0; i < items.size(); i++) {
                    value(fd, items.get(i), path.index(i), out);
                }
            } else {
                value(fd, e.getValue(), path, out);
            }
        }
    }

    private static void value(FieldDescriptor fd, Object v, FieldPath path, List<Field> out) {
        switch (fd.getJavaType()) {
            case MESSAGE -> {
                Message m = (Message) v;
                FieldType leaf = LeafTypes.leafType(m.getDescriptorForType());
                if (leaf != null) {
                    out.add(new Field(path, leaf, LeafTypes.valueOf(m)));
                } else {
                    message(m, path, out);
                }
            }
            case STRING -> out.add(new Field(path, FieldType.STRING, v));
            case INT -> out.add(new Field(path, FieldType.INT32, ((Integer) v).longValue()));
            case LONG -> out.add(new Field(path, FieldType.INT64, v));
            case BOOLEAN -> out.add(new Field(path, FieldType.BOOL, v));
            case FLOAT, DOUBLE -> out.add(new Field(path, FieldType.DOUBLE, ((Number) v).doubleValue()));
            case BYTE_STRING -> out.add(new Field(path, FieldType.BYTES, Base64.getEncoder().encodeToString(((ByteString) v).toByteArray())));
            case ENUM -> out.add(new Field(path, FieldType.STRING, v.toString()));
        }
    }

    private static void json(JsonNode n, FieldPath path, String name, List<Field> out) {
        switch (n.getNodeType()) {
            case OBJECT -> {
                if (n.isEmpty() && !path.isRoot()) {
                    out.add(new Field(path, FieldType.OBJECT, "{}"));
                    return;
                }
                boolean mapLike = name != null && JSON_MAPS.contains(name);
                if (mapLike) {
                    out.add(new Field(path, FieldType.MAP, n.size()));
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String k = e.getKey();
                    FieldPath child = mapLike || !IDENTIFIER.matcher(k).matches() ? path.key(k) : path.field(k);
                    json(e.getValue(), child, k, out);
                }
            }
            case ARRAY -> {
                out.add(new Field(path, FieldType.LIST, n.size()));
                for (int i = 0; i < n.size(); i++) {
                    json(n.get(i), path.index(i), null, out);
                }
            }
            case STRING -> out.add(new Field(path, RFC3339.matcher(n.textValue()).matches() ? FieldType.TIMESTAMP : FieldType.STRING, n.textValue()));
            case NUMBER -> {
                if (n.isIntegralNumber() || (n.isBigDecimal() && n.decimalValue().stripTrailingZeros().scale() <= 0 && n.canConvertToLong())) {
                    out.add(new Field(path, FieldType.INT64, n.asLong()));
                } else {
                    out.add(new Field(path, FieldType.DOUBLE, n.asDouble()));
                }
            }
            case BOOLEAN -> out.add(new Field(path, FieldType.BOOL, n.booleanValue()));
            default -> out.add(new Field(path, FieldType.NULL, null));
        }
    }
}
