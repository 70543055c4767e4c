package dev.mutineer.injector.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.mutineer.injector.catalog.FieldPath.Segment;
import dev.mutineer.injector.codec.StorageFormat;
import dev.mutineer.injector.codec.StoredObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies one {@link FieldEdit} at one {@link FieldPath} of a stored object and returns the
 * edited copy; the original is untouched. Protobuf messages are immutable, so the path is
 * rebuilt from the changed field up to the root.
 */
public final class FieldEditor {

    private FieldEditor() {
    }

    public static StoredObject apply(StoredObject object, FieldPath path, FieldEdit edit) {
        if (path.isRoot()) {
            throw new IllegalArgumentException("cannot edit the whole object through a field path");
        }
        if (object.format() == StorageFormat.PROTOBUF) {
            return object.withMessage(edit(object.message(), path.segments(), 0, edit));
        }
        JsonNode copy = object.json().deepCopy();
        editJson(copy, path, edit);
        return object.withJson(copy);
    }

    public static StoredObject set(StoredObject object, FieldPath path, Object value) {
        return apply(object, path, new FieldEdit.Set(value));
    }

    // ---- protobuf ----------------------------------------------------------------------------

    private static Message edit(Message m, List<Segment> segs, int i, FieldEdit edit) {
        Segment s = segs.get(i);
        if (s.bracketed()) {
            throw missing(segs, i, "a bracket needs a list or map field before it");
        }
        FieldDescriptor fd = m.getDescriptorForType().findFieldByName(s.text());
        if (fd == null) {
            throw missing(segs, i, m.getDescriptorForType().getName() + " has no field '" + s.text() + "'");
        }
        boolean last = i == segs.size() - 1;
        Message.Builder b = m.toBuilder();
        if (last) {
            if (edit instanceof FieldEdit.Set set) {
                if (fd.isRepeated()) {
                    throw missing(segs, i, "cannot set a whole list or map; name an element");
                }
                b.setField(fd, toProto(fd, set.value()));
            } else if (edit instanceof FieldEdit.Remove || edit instanceof FieldEdit.Clear) {
                b.clearField(fd);
            } else {
                throw missing(segs, i, edit.getClass().getSimpleName() + " needs a list element or map entry");
            }
            return b.build();
        }
        if (fd.isMapField()) {
            return editMap(m, b, fd, segs, i + 1, edit);
        }
        if (fd.isRepeated()) {
            return editList(m, b, fd, segs, i + 1, edit);
        }
        if (fd.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            throw missing(segs, i + 1, s.text() + " is a " + fd.getType() + " and has no fields");
        }
        b.setField(fd, edit((Message) m.getField(fd), segs, i + 1, edit));
        return b.build();
    }

    private static Message editList(Message m, Message.Builder b, FieldDescriptor fd, List<Segment> segs, int i, FieldEdit edit) {
        Segment s = segs.get(i);
        int count = m.getRepeatedFieldCount(fd);
        int idx;
        try {
            idx = s.index();
        } catch (NumberFormatException e) {
            throw missing(segs, i, "'" + s.text() + "' is not a list index");
        }
        if (!s.bracketed() || idx < 0 || idx >= count) {
            throw missing(segs, i, "index " + s.text() + " outside the list of " + count);
        }
        List<Object> items = new ArrayList<>(count + 1);
        for (int k = 0; k < count; k++) {
            items.add(m.getRepeatedField(fd, k));
        }
        if (i == segs.size() - 1) {
            if (edit instanceof FieldEdit.Set set) {
                items.set(idx, toProto(fd, set.value()));
            } else if (edit instanceof FieldEdit.Remove) {
                items.remove(idx);
            } else if (edit instanceof FieldEdit.Duplicate) {
                items.add(idx + 1, items.get(idx));
            } else if (edit instanceof FieldEdit.Clear && items.get(idx) instanceof Message element) {
                items.set(idx, element.getDefaultInstanceForType());
            } else {
                throw missing(segs, i, edit.getClass().getSimpleName() + " does not apply to this list element");
            }
        } else {
            if (!(items.get(idx) instanceof Message element)) {
                throw missing(segs, i + 1, fd.getName() + " holds " + fd.getType() + " values, which have no fields");
            }
            items.set(idx, edit(element, segs, i + 1, edit));
        }
        b.clearField(fd);
        for (Object o : items) {
            b.addRepeatedField(fd, o);
        }
        return b.build();
    }

    private static Message editMap(Message m, Message.Builder b, FieldDescriptor fd, List<Segment> segs, int i, FieldEdit edit) {
        Segment s = segs.get(i);
        FieldDescriptor keyFd = fd.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueFd = fd.getMessageType().findFieldByNumber(2);
        List<Message> entries = new ArrayList<>();
        int found = -1;
        for (int k = 0; k < m.getRepeatedFieldCount(fd); k++) {
            Message entry = (Message) m.getRepeatedField(fd, k);
            entries.add(entry);
            if (String.valueOf(entry.getField(keyFd)).equals(s.text())) {
                found = k;
            }
        }
        if (!s.bracketed() || found < 0) {
            throw missing(segs, i, "no key '" + s.text() + "' in " + fd.getName());
        }
        Message entry = entries.get(found);
        if (i == segs.size() - 1) {
            if (edit instanceof FieldEdit.Set set) {
                entries.set(found, entry.toBuilder().setField(valueFd, toProto(valueFd, set.value())).build());
            } else if (edit instanceof FieldEdit.Remove) {
                entries.remove(found);
            } else if (edit instanceof FieldEdit.RenameKey rk) {
                // the renamed entry keeps its place; an entry already holding the new key is replaced
                entries.remove(found);
                entries.removeIf(e -> String.valueOf(e.getField(keyFd)).equals(rk.newKey()));
                entries.add(Math.min(found, entries.size()), entry.toBuilder().setField(keyFd, rk.newKey()).build());
            } else {
                throw missing(segs, i, edit.getClass().getSimpleName() + " does not apply to a map entry");
            }
        } else {
            Object value = entry.getField(valueFd);
            if (!(value instanceof Message vm)) {
                throw missing(segs, i + 1, "map values of " + fd.getName() + " have no fields");
            }
            entries.set(found, entry.toBuilder().setField(valueFd, edit(vm, segs, i + 1, edit)).build());
        }
        b.clearField(fd);
        for (Message e : entries) {
            b.addRepeatedField(fd, e);
        }
        return b.build();
    }

    /** Converts a user-level value to what protobuf reflection wants for fd. */
    static Object toProto(FieldDescriptor fd, Object v) {
        return switch (fd.getJavaType()) {
            case INT -> ((Number) v).intValue();
            case LONG -> ((Number) v).longValue();
            case BOOLEAN -> (Boolean) v;
            case FLOAT -> ((Number) v).floatValue();
            case DOUBLE -> ((Number) v).doubleValue();
            case STRING -> String.valueOf(v);
            case BYTE_STRING -> v instanceof byte[] bytes ? ByteString.copyFrom(bytes) : ByteString.copyFrom(String.valueOf(v), StandardCharsets.UTF_8);
            case MESSAGE -> {
                if (v instanceof Message msg) {
                    yield msg;
                }
                if (LeafTypes.leafType(fd.getMessageType()) == null) {
                    throw new IllegalArgumentException(fd.getFullName() + " is a message; only quantities and timestamps take a plain value");
                }
                yield LeafTypes.build(fd.getMessageType(), v);
            }
            case ENUM -> throw new IllegalArgumentException("enum fields are not used by Kubernetes types: " + fd.getFullName());
        };
    }

    private static IllegalArgumentException missing(List<Segment> segs, int i, String why) {
        return new IllegalArgumentException("field path " + new FieldPath(segs) + " at '" + segs.get(i).text() + "': " + why);
    }

    // ---- JSON --------------------------------------------------------------------------------

    private static void editJson(JsonNode root, FieldPath path, FieldEdit edit) {
        List<Segment> segs = path.segments();
        JsonNode parent = root;
        for (int i = 0; i < segs.size() - 1; i++) {
            parent = jsonChild(parent, segs, i);
        }
        Segment last = path.last();
        if (parent instanceof ObjectNode o) {
            if (!o.has(last.text())) {
                throw missing(segs, segs.size() - 1, "no such key");
            }
            if (edit instanceof FieldEdit.Set set) {
                o.set(last.text(), toJson(set.value()));
            } else if (edit instanceof FieldEdit.Remove) {
                o.remove(last.text());
            } else if (edit instanceof FieldEdit.Clear) {
                o.set(last.text(), o.get(last.text()).isArray() ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode());
            } else if (edit instanceof FieldEdit.RenameKey rk) {
                Map<String, JsonNode> kept = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getKey().equals(last.text())) {
                        kept.put(rk.newKey(), e.getValue());
                    } else if (!e.getKey().equals(rk.newKey())) {
                        kept.put(e.getKey(), e.getValue());
                    }
                }
                o.removeAll();
                o.setAll(kept);
            } else {
                throw missing(segs, segs.size() - 1, "only list elements can be duplicated");
            }
        } else if (parent instanceof ArrayNode a) {
            int idx = jsonIndex(a, segs, segs.size() - 1);
            if (edit instanceof FieldEdit.Set set) {
                a.set(idx, toJson(set.value()));
            } else if (edit instanceof FieldEdit.Remove) {
                a.remove(idx);
            } else if (edit instanceof FieldEdit.Duplicate) {
                a.insert(idx + 1, a.get(idx).deepCopy());
            } else if (edit instanceof FieldEdit.Clear) {
                a.set(idx, a.get(idx).isArray() ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode());
            } else {
                throw missing(segs, segs.size() - 1, "a list element has no key to rename");
            }
        } else {
            throw missing(segs, segs.size() - 1, "not an object or list");
        }
    }

    private static JsonNode jsonChild(JsonNode n, List<Segment> segs, int i) {
        if (n instanceof ObjectNode o && o.has(segs.get(i).text())) {
            return o.get(segs.get(i).text());
        }
        if (n instanceof ArrayNode a) {
            return a.get(jsonIndex(a, segs, i));
        }
        throw missing(segs, i, "no such field");
    }

    private static int jsonIndex(ArrayNode a, List<Segment> segs, int i) {
        try {
            int idx = segs.get(i).index();
            if (idx >= 0 && idx < a.size()) {
                return idx;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw missing(segs, i, "index outside the list of " + a.size());
    }

    static JsonNode toJson(Object v) {
        JsonNodeFactory f = JsonNodeFactory.withExactBigDecimals(true);
        if (v == null) {
            return f.nullNode();
        }
        if (v instanceof JsonNode n) {
            return n;
        } else if (v instanceof Boolean b) {
            return f.booleanNode(b);
        } else if (v instanceof Integer || v instanceof Long) {
            return f.numberNode(((Number) v).longValue());
        } else if (v instanceof BigInteger n) {
            return f.numberNode(n);
        } else if (v instanceof Double n) {
            return f.numberNode(BigDecimal.valueOf(n));
        } else if (v instanceof BigDecimal n) {
            return f.numberNode(n);
        } else if (v instanceof byte[] bytes) {
            return f.textNode(java.util.Base64.getEncoder().encodeToString(bytes));
        }
        return f.textNode(v.toString());
    }
}
