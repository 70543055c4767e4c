package dev.mutineer.injector.codec;

import dev.mutineer.injector.catalog.FieldPath;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.mutineer.injector.catalog.FieldPath;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Where a field's encoded bytes sit inside a stored protobuf value, so a bit can be flipped
 * inside one field ("bit-flip with field=spec.nodeName") instead of anywhere in the value.
 * Walks the wire format with the descriptors (or the JSON tokens); no decoding of values.
 */
public final class WireSpans {

    /** Bytes [offset, offset + length) of the stored value hold the field's value. */
    public record Span(int offset, int length) { }

    private static final JsonFactory JSON = new JsonFactory();

    private WireSpans() {
    }

    /**
     * The span of the field's value, if present: for protobuf the content bytes (of strings and
     * messages) or the varint; for JSON the value's text (inside the quotes for strings).
     */
    public static Optional<Span> locate(byte[] value, StoredObject object, FieldPath path) {
        if (object.format() == StorageFormat.JSON) {
            return locateJson(value, path);
        }
        return WireEditor.locate(value, object.message().getDescriptorForType(), path)
                .map(l -> new Span(l.target().start(), l.target().end() - l.target().start()));
    }

    /** Streams the JSON tokens, tracking the path, until the scalar at path. */
    private static Optional<Span> locateJson(byte[] value, FieldPath path) {
        List<String> wanted = path.segments().stream().map(FieldPath.Segment::text).toList();
        Deque<String> at = new ArrayDeque<>();
        Deque<Integer> index = new ArrayDeque<>(); // next element index per open array, -1 for objects
        try (JsonParser p = JSON.createParser(value)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    at.removeLast();
                    at.addLast(p.currentName());
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    at.removeLast();
                    index.removeLast();
                    continue;
                }
                if (!index.isEmpty() && index.peekLast() >= 0) {
                    // an element of an array: its path segment is its index
                    int i = index.removeLast();
                    index.addLast(i + 1);
                    at.removeLast();
                    at.addLast(Integer.toString(i));
                }
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    at.addLast("");
                    index.addLast(t == JsonToken.START_ARRAY ? 0 : -1);
                    continue;
                }
                if (matches(at, wanted)) {
                    p.finishToken(); // Jackson reads string contents lazily; the end is known once read
                    int start = (int) p.currentTokenLocation().getByteOffset();
                    int end = (int) p.currentLocation().getByteOffset();
                    return Optional.of(t == JsonToken.VALUE_STRING ? new Span(start + 1, end - start - 2) : new Span(start, end - start));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The path stack holds, per open container, the key or index of the value being read. */
    private static boolean matches(Deque<String> at, List<String> wanted) {
        if (at.size() != wanted.size()) {
            return false;
        }
        Iterator<String> it = at.iterator();
        for (String w : wanted) {
            if (!it.next().equals(w)) {
                return false;
            }
        }
        return true;
    }
}
