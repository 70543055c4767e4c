package dev.mutineer.injector.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime.Unknown;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Decodes and encodes the values the API server keeps in etcd.
 *
 * <p>Built-in types: the 4 magic bytes "k8s\0", then a serialized runtime.Unknown whose raw
 * field holds the object. Custom resources and APIServices: a JSON document. Encoding a
 * decoded object gives back the bytes it was decoded from (protobuf-java writes fields in
 * number order and keeps presence and map order, as Go's generated code does).
 *
 * <p>Stateless and thread safe.
 */
public final class StorageCodec {

    public static final byte[] MAGIC = {'k', '8', 's', 0};
    /** Marks failures where the API server decodes the value and only protobuf-java refuses it. */
    public static final String JAVA_ONLY = "the API server decodes it, protobuf-java does not";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    public DecodeResult decode(byte[] value) {
        if (value == null || value.length == 0) {
            return DecodeFailure.corrupt("empty value");
        }
        if (hasMagic(value)) {
            return decodeProtobuf(value);
        }
        if (firstNonBlank(value) == '{') {
            return decodeJson(value);
        }
        return DecodeFailure.corrupt("neither protobuf (no k8s\\0 prefix) nor JSON; first bytes " + hexPrefix(value));
    }

    public byte[] encode(StoredObject object) {
        if (object.format() == StorageFormat.JSON) {
            return (GoJson.write(object.json()) + object.jsonTrailer()).getBytes(StandardCharsets.UTF_8);
        }
        Unknown envelope = object.envelope().toBuilder().setRaw(object.message().toByteString()).build();
        byte[] out = new byte[MAGIC.length + envelope.getSerializedSize()];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        try {
            envelope.writeTo(com.google.protobuf.CodedOutputStream.newInstance(out, MAGIC.length, out.length - MAGIC.length));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize " + object, e);
        }
        return out;
    }

    /**
     * Whether the API server could decode the value, without building the object: the Go
     * wire rules over the envelope and the raw object of its declared type. Null when it
     * decodes; else the failure. JSON values are parsed (there is no cheaper check).
     */
    public DecodeFailure check(byte[] value) {
        if (value == null || value.length <= MAGIC.length || !hasMagic(value)) {
            return decode(value) instanceof DecodeFailure f ? f : null;
        }
        String violation = GoWireRules.violation(Unknown.getDescriptor(), value, MAGIC.length, value.length);
        if (violation != null) {
            return DecodeFailure.corrupt("envelope: " + violation);
        }
        java.util.List<WireScan.Occ> envelope = WireScan.fields(value, MAGIC.length, value.length);
        WireScan.Occ raw = WireScan.last(envelope, Unknown.RAW_FIELD_NUMBER);
        // a repeated typeMeta merges into one, as in Go and protobuf-java: later strings win
        String apiVersion = "";
        String kind = "";
        for (WireScan.Occ typeMeta : envelope) {
            if (typeMeta.number() != Unknown.TYPEMETA_FIELD_NUMBER) {
                continue;
            }
            java.util.List<WireScan.Occ> tm = WireScan.fields(value, typeMeta.start(), typeMeta.end());
            apiVersion = WireScan.last(tm, 1) == null ? apiVersion : text(value, WireScan.last(tm, 1));
            kind = WireScan.last(tm, 2) == null ? kind : text(value, WireScan.last(tm, 2));
        }
        if (kind.isEmpty() || apiVersion.isEmpty()) {
            return DecodeFailure.corrupt("Object 'Kind' or 'apiVersion' is missing in the envelope");
        }
        Optional<Message> type = ProtoTypes.get().find(apiVersion, kind);
        if (type.isEmpty()) {
            return DecodeFailure.unsupported("no protobuf type known for apiVersion " + quote(apiVersion) + " kind " + quote(kind));
        }
        violation = raw == null ? null : GoWireRules.violation(type.get().getDescriptorForType(), value, raw.start(), raw.end());
        return violation == null ? null : DecodeFailure.corrupt(kind + ": " + violation);
    }

    private static String text(byte[] value, WireScan.Occ o) {
        return o == null ? "" : new String(value, o.start(), o.end() - o.start(), StandardCharsets.UTF_8);
    }

    /** Convenience: the decoded object, or empty when the value does not decode. */
    public Optional<StoredObject> tryDecode(byte[] value) {
        return decode(value) instanceof StoredObject o ? Optional.of(o) : Optional.empty();
    }

    public static boolean hasMagic(byte[] value) {
        return value.length >= MAGIC.length && Arrays.equals(value, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    private DecodeResult decodeProtobuf(byte[] value) {
        if (value.length == MAGIC.length) {
            return DecodeFailure.corrupt("empty body after the k8s\\0 prefix");
        }
        String violation = GoWireRules.violation(Unknown.getDescriptor(), value, MAGIC.length, value.length);
        if (violation != null) {
            return DecodeFailure.corrupt("envelope: " + violation);
        }
        Unknown envelope;
        try {
            envelope = Unknown.parseFrom(ByteString.copyFrom(value, MAGIC.length, value.length - MAGIC.length));
        } catch (InvalidProtocolBufferException e) {
            return DecodeFailure.corrupt("envelope: " + e.getMessage());
        }
        String apiVersion = envelope.getTypeMeta().getApiVersion();
        String kind = envelope.getTypeMeta().getKind();
        if (kind.isEmpty()) {
            return DecodeFailure.corrupt("Object 'Kind' is missing in the envelope");
        }
        if (apiVersion.isEmpty()) {
            return DecodeFailure.corrupt("Object 'apiVersion' is missing in the envelope");
        }
        Optional<Message> type = ProtoTypes.get().find(apiVersion, kind);
        if (type.isEmpty()) {
            return DecodeFailure.unsupported("no protobuf type known for apiVersion " + quote(apiVersion) + " kind " + quote(kind));
        }
        byte[] raw = envelope.getRaw().toByteArray();
        violation = GoWireRules.violation(type.get().getDescriptorForType(), raw, 0, raw.length);
        if (violation != null) {
            return DecodeFailure.corrupt(kind + ": " + violation);
        }
        try {
            Message message = type.get().getParserForType().parseFrom(raw);
            return StoredObject.protobuf(apiVersion, kind, message, envelope);
        } catch (InvalidProtocolBufferException e) {
            // The Go rules passed, so the API server reads this value; protobuf-java is stricter
            // in places Go does not look (valid UTF-8 in map strings, matching group end tags).
            return DecodeFailure.unsupported(kind + ": " + JAVA_ONLY + ": " + e.getMessage());
        }
    }

    private DecodeResult decodeJson(byte[] value) {
        try (JsonParser parser = JSON.createParser(value)) {
            JsonNode tree = JSON.readTree(parser);
            if (parser.nextToken() != null) {
                return DecodeFailure.corrupt("data after the JSON object");
            }
            // what follows the closing brace (Go's encoder writes "\n") is kept for encoding
            int end = lastIndexOf(value, (byte) '}') + 1;
            if (!tree.isObject()) {
                return DecodeFailure.corrupt("JSON value is not an object");
            }
            if (!tree.path("kind").isTextual() || tree.path("kind").asText().isEmpty()) {
                return DecodeFailure.corrupt("Object 'Kind' is missing in JSON");
            }
            if (!tree.path("apiVersion").isTextual() || tree.path("apiVersion").asText().isEmpty()) {
                return DecodeFailure.corrupt("Object 'apiVersion' is missing in JSON");
            }
            String trailer = new String(value, end, value.length - end, StandardCharsets.UTF_8);
            return StoredObject.json(tree, trailer);
        } catch (IOException e) {
            return DecodeFailure.corrupt("JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static int lastIndexOf(byte[] value, byte b) {
        for (int i = value.length - 1; i >= 0; i--) {
            if (value[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int firstNonBlank(byte[] value) {
        for (byte b : value) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b;
            }
        }
        return -1;
    }

    private static String hexPrefix(byte[] value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(8, value.length); i++) {
            sb.append(String.format("%02x", value[i] & 0xFF));
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return '"' + s + '"';
    }
}
