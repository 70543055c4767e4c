package dev.mutineer.injector.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Runtime.Unknown;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One decoded stored object. Exactly one of {@code message} (PROTOBUF) and {@code json} (JSON) is set.
 *
 * @param envelope    PROTOBUF only: the runtime.Unknown the object came in, with its raw bytes
 *                    left in place; {@link StorageCodec#encode} swaps in the re-serialized object
 * @param jsonTrailer JSON only: what followed the document (Go's encoder ends it with "\n")
 */
public record StoredObject(StorageFormat format, String apiVersion, String kind, Message message,
                           Unknown envelope, JsonNode json, String jsonTrailer) implements DecodeResult {

    public StoredObject {
        Objects.requireNonNull(format);
        if ((format == StorageFormat.PROTOBUF) != (message != null) || (format == StorageFormat.JSON) != (json != null)) {
            throw new IllegalArgumentException(format + " object needs exactly its own representation");
        }
    }

    public static StoredObject protobuf(String apiVersion, String kind, Message message, Unknown envelope) {
        return new StoredObject(StorageFormat.PROTOBUF, apiVersion, kind, message, envelope, null, null);
    }

    public static StoredObject json(JsonNode json, String trailer) {
        return new StoredObject(StorageFormat.JSON, json.path("apiVersion").asText(), json.path("kind").asText(),
                null, null, json, trailer);
    }

    /** The same object with another protobuf message (envelope kept). */
    public StoredObject withMessage(Message newMessage) {
        return protobuf(apiVersion, kind, newMessage, envelope);
    }

    /** The same object with another JSON tree. */
    public StoredObject withJson(JsonNode newJson) {
        return new StoredObject(StorageFormat.JSON, apiVersion, kind, null, null, newJson, jsonTrailer);
    }

    public String name() {
        return metaString("name");
    }

    public String namespace() {
        return metaString("namespace");
    }

    public String uid() {
        return metaString("uid");
    }

    /** metadata.labels, sorted; empty when there are none. */
    public Map<String, String> labels() {
        Map<String, String> labels = new TreeMap<>();
        if (format == StorageFormat.PROTOBUF) {
            ObjectMeta meta = objectMeta();
            if (meta != null) {
                labels.putAll(meta.getLabelsMap());
            }
        } else {
            JsonNode l = json.path("metadata").path("labels");
            l.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        return labels;
    }

    /** metadata of a protobuf object, or null when the type has none. */
    public ObjectMeta objectMeta() {
        FieldDescriptor fd = message.getDescriptorForType().findFieldByName("metadata");
        if (fd == null || !(message.getField(fd) instanceof ObjectMeta meta)) {
            return null;
        }
        return meta;
    }

    private String metaString(String field) {
        if (format == StorageFormat.JSON) {
            JsonNode v = json.path("metadata").path(field);
            return v.isTextual() ? v.asText() : "";
        }
        ObjectMeta meta = objectMeta();
        if (meta == null) {
            return "";
        }
        return switch (field) {
            case "name" -> meta.getName();
            case "namespace" -> meta.getNamespace();
            case "uid" -> meta.getUid();
            default -> throw new IllegalArgumentException(field);
        };
    }

    /** A short human description: "Pod default/web-1". */
    @Override
    public String toString() {
        String ns = namespace();
        return kind + " " + (ns.isEmpty() ? "" : ns + "/") + name();
    }

    static boolean isObject(JsonNode n) {
        return n instanceof ObjectNode;
    }
}
