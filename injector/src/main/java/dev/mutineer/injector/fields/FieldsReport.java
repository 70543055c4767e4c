package dev.mutineer.injector.fields;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.mutineer.cluster.Cluster;
import dev.mutineer.injector.catalog.Field;
import dev.mutineer.injector.catalog.FieldCatalog;
import dev.mutineer.injector.codec.DecodeFailure;
import dev.mutineer.injector.codec.DecodeResult;
import dev.mutineer.injector.codec.ProtoTypes;
import dev.mutineer.injector.codec.StorageCodec;
import dev.mutineer.injector.codec.StoredObject;
import dev.mutineer.injector.inject.EtcdStore;
import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;
import dev.mutineer.injector.inject.StoredValue;
import dev.mutineer.injector.operator.DependencyCatalog;
import io.etcd.jetcd.Client;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code mutineer fields KIND [NAMESPACE/NAME]} prints: with a name, every field of that
 * stored object with its type and current value; without, every field the kind's type can
 * have (its schema, from the protobuf descriptors). Rendered as a text table or JSON.
 */
public record FieldsReport(String kind, String key, String apiVersion, List<FieldRow> rows) {

    private static final int SCHEMA_DEPTH = 14;

    public FieldsReport {
        rows = List.copyOf(rows);
    }

    /** The entry point for the CLI: connects to the cluster's etcd, reads, disconnects. */
    public static FieldsReport read(Cluster cluster, String kind, Optional<String> namespacedName) {
        if (namespacedName.isEmpty()) {
            return schema(kind);
        }
        try (Client client = cluster.etcd().connect()) {
            return forObject(new EtcdStore(client), cluster.etcdKeyPrefix(), kind, namespacedName.get());
        }
    }

    /** The fields of one stored object; namespacedName is "NAMESPACE/NAME" or "NAME" for cluster-scoped kinds. */
    public static FieldsReport forObject(EtcdStore store, String prefix, String kind, String namespacedName) {
        ResourceKind rk = ResourceKinds.require(kind);
        String[] parts = namespacedName.split("/", 2);
        if (rk.namespaced() && parts.length != 2) {
            throw new IllegalArgumentException(rk.kind() + " is namespaced: write NAMESPACE/NAME, got '" + namespacedName + "'");
        }
        String key = parts.length == 2 ? rk.key(prefix, parts[0], parts[1]) : rk.key(prefix, null, parts[0]);
        StoredValue value = store.get(key)
                .orElseThrow(() -> new IllegalArgumentException("no " + rk.kind() + " " + namespacedName + " (key " + key + " is not in etcd)"));
        DecodeResult decoded = new StorageCodec().decode(value.value());
        if (decoded instanceof DecodeFailure f) {
            throw new IllegalStateException(key + " does not decode: " + f.reason());
        }
        return of((StoredObject) decoded, key);
    }

    /** The fields of an object already decoded. */
    public static FieldsReport of(StoredObject o, String key) {
        List<FieldRow> rows = new ArrayList<>();
        for (Field f : FieldCatalog.of(o)) {
            rows.add(new FieldRow(f.path().toString(), f.type().label(), f.display(), dependency(o.kind(), f.path().pattern())));
        }
        return new FieldsReport(o.kind(), key, o.apiVersion(), rows);
    }

    /** Every field the kind's protobuf type can have; lists as [*], maps as [KEY]. */
    public static FieldsReport schema(String kind) {
        ResourceKind rk = ResourceKinds.require(kind);
        Message type = ProtoTypes.get().of(rk)
                .orElseThrow(() -> new IllegalArgumentException(rk.kind() + " is not stored as protobuf; name an object to list its JSON fields"));
        List<FieldRow> rows = new ArrayList<>();
        schema(type.getDescriptorForType(), "", rk.kind(), new HashSet<>(), 0, rows);
        String pkg = type.getDescriptorForType().getFile().getPackage();
        return new FieldsReport(rk.kind(), "", pkg, rows);
    }

    private static void schema(Descriptor d, String at, String kind, Set<String> onPath, int depth, List<FieldRow> rows) {
        if (depth > SCHEMA_DEPTH || !onPath.add(d.getFullName())) {
            return;
        }
        for (FieldDescriptor fd : d.getFields()) {
            String path = at.isEmpty() ? fd.getName() : at + "." + fd.getName();
            if (fd.isMapField()) {
                rows.add(new FieldRow(path, "map", "", ""));
                FieldDescriptor v = fd.getMessageType().findFieldByNumber(2);
                leafOrRecurse(v, path + "[KEY]", kind, onPath, depth, rows);
            } else if (fd.isRepeated()) {
                rows.add(new FieldRow(path, "list", "", ""));
                leafOrRecurse(fd, path + "[*]", kind, onPath, depth, rows);
            } else {
                leafOrRecurse(fd, path, kind, onPath, depth, rows);
            }
        }
        onPath.remove(d.getFullName());
    }

    private static void leafOrRecurse(FieldDescriptor fd, String path, String kind, Set<String> onPath, int depth, List<FieldRow> rows) {
        if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            String name = fd.getMessageType().getFullName();
            if (name.endsWith(".Quantity")) {
                rows.add(new FieldRow(path, "quantity", "", dependency(kind, path)));
            } else if (name.endsWith(".Time") || name.endsWith(".MicroTime")) {
                rows.add(new FieldRow(path, "timestamp", "", dependency(kind, path)));
            } else {
                schema(fd.getMessageType(), path, kind, onPath, depth + 1, rows);
            }
            return;
        }
        String type = switch (fd.getJavaType()) {
            case INT -> "int32";
            case LONG -> "int64";
            case BOOLEAN -> "bool";
            case FLOAT, DOUBLE -> "double";
            case BYTE_STRING -> "bytes";
            default -> "string";
        };
        rows.add(new FieldRow(path, type, "", dependency(kind, path)));
    }

    private static String dependency(String kind, String pattern) {
        return DependencyCatalog.linkFor(kind, pattern.replace("[KEY]", "[x]"))
                .map(l -> l.role().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .orElse("");
    }

    /**
     * Aligned columns PATH TYPE VALUE DEPENDENCY (a schema listing has no VALUE column);
     * long values are cut to one line.
     */
    public String toTable() {
        boolean schema = key.isEmpty();
        int pw = "PATH".length();
        int tw = "TYPE".length();
        int vw = "VALUE".length();
        for (FieldRow r : rows) {
            pw = Math.max(pw, r.path().length());
            tw = Math.max(tw, r.type().length());
            vw = Math.max(vw, oneLine(r.value()).length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(kind).append(' ').append(apiVersion).append(schema ? " (schema)" : " " + key).append('\n');
        String fmt = schema ? "%-" + pw + "s  %-" + tw + "s  %s" : "%-" + pw + "s  %-" + tw + "s  %-" + vw + "s  %s";
        sb.append(line(fmt, schema, "PATH", "TYPE", "VALUE", "DEPENDENCY"));
        for (FieldRow r : rows) {
            sb.append(line(fmt, schema, r.path(), r.type(), oneLine(r.value()), r.dependency()));
        }
        return sb.toString();
    }

    private static String line(String fmt, boolean schema, String path, String type, String value, String dependency) {
        String l = schema ? String.format(fmt, path, type, dependency) : String.format(fmt, path, type, value, dependency);
        return l.stripTrailing() + "\n";
    }

    public String toJson() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("kind", kind);
        root.put("apiVersion", apiVersion);
        root.put("key", key);
        ArrayNode fields = root.putArray("fields");
        for (FieldRow r : rows) {
            ObjectNode f = fields.addObject();
            f.put("path", r.path());
            f.put("type", r.type());
            f.put("value", r.value());
            f.put("dependency", r.dependency());
        }
        try {
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String oneLine(String s) {
        String t = s.replace("\n", "\\n");
        return t.length() > 80 ? t.substring(0, 77) + "..." : t;
    }
}
