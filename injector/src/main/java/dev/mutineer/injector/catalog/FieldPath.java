package dev.mutineer.injector.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * A path to one field of a stored object, as users write it:
 * {@code spec.template.spec.containers[0].image}, {@code metadata.labels[app]},
 * {@code metadata.annotations[kubernetes.io/description]}. A bracketed segment is a list
 * index or a map key; which one is decided by the field it follows.
 */
public record FieldPath(List<Segment> segments) {

    /** One step: a field name, or the text between brackets. */
    public record Segment(String text, boolean bracketed) {
        public int index() {
            return Integer.parseInt(text);
        }
    }

    public FieldPath {
        segments = List.copyOf(segments);
    }

    public static final FieldPath ROOT = new FieldPath(List.of());

    public FieldPath field(String name) {
        return append(new Segment(name, false));
    }

    public FieldPath index(int i) {
        return append(new Segment(Integer.toString(i), true));
    }

    public FieldPath key(String key) {
        return append(new Segment(key, true));
    }

    private FieldPath append(Segment s) {
        List<Segment> l = new ArrayList<>(segments.size() + 1);
        l.addAll(segments);
        l.add(s);
        return new FieldPath(l);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    public Segment last() {
        return segments.get(segments.size() - 1);
    }

    public FieldPath parent() {
        return new FieldPath(segments.subList(0, segments.size() - 1));
    }

    public boolean startsWith(FieldPath prefix) {
        return segments.size() >= prefix.segments.size() && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
    }

    /** The path with every list index replaced by {@code *}: the shape campaign catalogs match on. */
    public String pattern() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            if (s.bracketed) {
                sb.append('[').append(s.text.chars().allMatch(Character::isDigit) ? "*" : s.text).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(s.text);
            }
        }
        return sb.toString();
    }

    public static FieldPath parse(String path) {
        List<Segment> out = new ArrayList<>();
        int i = 0;
        int n = path.length();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("field path '" + path + "': '[' at " + i + " is never closed");
                }
                out.add(new Segment(path.substring(i + 1, close), true));
                i = close + 1;
            } else if (c == '.') {
                i++;
            } else {
                int j = i;
                while (j < n && path.charAt(j) != '.' && path.charAt(j) != '[') {
                    j++;
                }
                out.add(new Segment(path.substring(i, j), false));
                i = j;
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("field path is empty");
        }
        return new FieldPath(out);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            if (s.bracketed) {
                sb.append('[').append(s.text).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(s.text);
            }
        }
        return sb.toString();
    }
}
