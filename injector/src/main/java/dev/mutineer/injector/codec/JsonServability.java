package dev.mutineer.injector.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Some stored bytes are embedded JSON that the API server passes through unparsed when it
 * decodes: managedFields[].fieldsV1 and RawExtension.raw. A flip there leaves the object
 * decodable (the watch cache and protobuf clients such as the controllers are fine) but the
 * API server cannot write it as JSON: every JSON GET or LIST that includes it answers 500
 * ("json: error calling MarshalJSON for type *v1.FieldsV1"), so kubectl cannot read the type.
 */
public final class JsonServability {

    private static final String FIELDS_V1 = "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1";
    private static final String RAW_EXTENSION = "k8s.io.apimachinery.pkg.runtime.RawExtension";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonServability() {
    }

    /** Null when the object can be served as JSON, else the embedded JSON that is broken. */
    public static String violation(StoredObject o) {
        if (o.format() != StorageFormat.PROTOBUF) {
            return null;
        }
        return walk(o.message());
    }

    private static String walk(Message m) {
        String type = m.getDescriptorForType().getFullName();
        if (type.equals(FIELDS_V1) || type.equals(RAW_EXTENSION)) {
            FieldDescriptor raw = m.getDescriptorForType().findFieldByNumber(1);
            ByteString bytes = (ByteString) m.getField(raw);
            return bytes.isEmpty() ? null : invalidJson(type, bytes);
        }
        for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
            if (e.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE || e.getKey().isMapField()
                    && e.getKey().getMessageType().findFieldByNumber(2).getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (e.getKey().isRepeated()) {
                for (Object item : (List<?>) e.getValue()) {
                    String v = walk((Message) item);
                    if (v != null) {
                        return v;
                    }
                }
            } else {
                String v = walk((Message) e.getValue());
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    private static String invalidJson(String type, ByteString bytes) {
        // Go checks JSON syntax byte by byte and does not validate UTF-8 inside strings:
        // read the bytes as Latin-1 so that Jackson does neither
        try (JsonParser p = JSON.createParser(bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1))) {
            while (p.nextToken() != null) {
                // reading every token is the check
            }
            return null;
        } catch (IOException e) {
            String simple = type.substring(type.lastIndexOf('.') + 1);
            return simple + " holds invalid JSON: " + (e instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage() : e.getMessage());
        }
    }
}
