package dev.mutineer.injector.catalog;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;

import java.time.Instant;

/**
 * Message types the catalog treats as single values, because users and the API think of them
 * that way: a Quantity is "500m", not a message with a field called "string".
 */
final class LeafTypes {

    static final String QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity";
    static final String TIME = "k8s.io.apimachinery.pkg.apis.meta.v1.Time";
    static final String MICRO_TIME = "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime";

    private LeafTypes() {
    }

    static FieldType leafType(Descriptor d) {
        return switch (d.getFullName()) {
            case QUANTITY -> FieldType.QUANTITY;
            case TIME, MICRO_TIME -> FieldType.TIMESTAMP;
            default -> null;
        };
    }

    /** The display value of a leaf message: the quantity string or the RFC 3339 instant. */
    static Object valueOf(Message m) {
        if (m instanceof Resource.Quantity q) {
            return q.getString();
        }
        if (m instanceof Meta.Time t) {
            return Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString();
        }
        if (m instanceof Meta.MicroTime t) {
            return Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString();
        }
        throw new IllegalArgumentException("not a leaf message: " + m.getDescriptorForType().getFullName());
    }

    /** A leaf message of type d holding value (a quantity string, an Instant or an RFC 3339 string). */
    static Message build(Descriptor d, Object value) {
        switch (d.getFullName()) {
            case QUANTITY:
                return Resource.Quantity.newBuilder().setString(String.valueOf(value)).build();
            case TIME: {
                Instant i = toInstant(value);
                return Meta.Time.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
            }
            case MICRO_TIME: {
                Instant i = toInstant(value);
                return Meta.MicroTime.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
            }
            default:
                throw new IllegalArgumentException("not a leaf message: " + d.getFullName());
        }
    }

    private static Instant toInstant(Object value) {
        return value instanceof Instant i ? i : Instant.parse(String.valueOf(value));
    }
}
