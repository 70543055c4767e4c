package dev.mutineer.injector.codec;

import dev.mutineer.injector.catalog.FieldPath;

import java.util.Optional;

/**
 * Where a field's encoded bytes sit inside a stored protobuf value, so a bit can be flipped
 * inside one field ("bit-flip with field=spec.nodeName") instead of anywhere in the value.
 * Walks the wire format with the descriptors; no decoding of values.
 */
public final class WireSpans {

    /** Bytes [offset, offset + length) of the stored value hold the field's value. */
    public record Span(int offset, int length) { }

    private WireSpans() {
    }

    /** The span of the field's value (content bytes for strings and messages), if present. */
    public static Optional<Span> locate(byte[] value, StoredObject object, FieldPath path) {
        if (object.format() != StorageFormat.PROTOBUF) {
            return Optional.empty();
        }
        return WireEditor.locate(value, object.message().getDescriptorForType(), path)
                .map(l -> new Span(l.target().start(), l.target().end() - l.target().start()));
    }
}
