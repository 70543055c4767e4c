package dev.mutineer.campaign;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * Where each value of a YAML document starts, by field path ("faults[1].operator"). Bound
 * records forget their source position; the validator's findings are located through this map.
 */
final class SourceMap {

    /** A YAML alias ({@code *name}); Jackson does not resolve them but reads the name as text, so each is an error. */
    record Alias(String field, JsonLocation location, String name, boolean anchored) {
        String message() {
            return anchored ? "aliases (*" + name + ") are not supported; write the value out"
                    : "alias *" + name + " refers to no anchor (&" + name + ") before it";
        }
    }

    private final Map<String, JsonLocation> locations = new HashMap<>();
    private final List<Alias> aliases = new ArrayList<>();
    private final Set<String> anchors = new HashSet<>();

    /** Builds the map from the document's tokens. Call only on text that parsed already. */
    static SourceMap of(YAMLFactory factory, String yaml) throws IOException {
        SourceMap map = new SourceMap();
        try (JsonParser p = factory.createParser(yaml)) {
            if (p.nextToken() != null) {
                map.visit(p, "");
            }
        }
        return map;
    }

    private void visit(JsonParser p, String path) throws IOException {
        locations.put(path, p.currentTokenLocation());
        if (p instanceof YAMLParser y) {
            if (y.getCurrentAnchor() != null) {
                anchors.add(y.getCurrentAnchor());
            }
            if (y.isCurrentAlias()) {
                aliases.add(new Alias(path, p.currentTokenLocation(), p.getText(), anchors.contains(p.getText())));
            }
        }
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String child = path.isEmpty() ? p.currentName() : path + "." + p.currentName();
                p.nextToken();
                visit(p, child);
            }
        } else if (t == JsonToken.START_ARRAY) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                visit(p, path + "[" + i++ + "]");
            }
        }
    }

    /** Every alias of the document, in file order. */
    List<Alias> aliases() {
        return aliases;
    }

    /** The location of {@code path}, or of its nearest ancestor present in the file (for missing fields). */
    JsonLocation locate(String path) {
        String p = path;
        while (true) {
            JsonLocation loc = locations.get(p);
            if (loc != null || p.isEmpty()) {
                return loc;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    /** A Jackson reference path in the same notation the map uses. */
    static String pathOf(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
