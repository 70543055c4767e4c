package dev.mutineer.injector.inject;

import dev.mutineer.injector.catalog.Field;
import dev.mutineer.injector.catalog.FieldCatalog;
import dev.mutineer.injector.codec.DecodeResult;
import dev.mutineer.injector.codec.StoredObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The fields whose decoded values differ between two versions of an object. */
public final class CatalogDiff {

    private CatalogDiff() {
    }

    public static List<FieldChange> diff(StoredObject before, DecodeResult after) {
        if (!(after instanceof StoredObject a)) {
            return List.of();
        }
        return diff(FieldCatalog.of(before), FieldCatalog.of(a));
    }

    public static List<FieldChange> diff(List<Field> before, List<Field> after) {
        Map<String, Field> b = index(before);
        Map<String, Field> a = index(after);
        List<FieldChange> out = new ArrayList<>();
        b.forEach((path, f) -> {
            Field g = a.get(path);
            if (g == null) {
                out.add(new FieldChange(path, f.display(), ""));
            } else if (g.type() != f.type() || !Objects.equals(g.value(), f.value())) {
                out.add(new FieldChange(path, f.display(), g.display()));
            }
        });
        a.forEach((path, g) -> {
            if (!b.containsKey(path)) {
                out.add(new FieldChange(path, "", g.display()));
            }
        });
        return out;
    }

    private static Map<String, Field> index(List<Field> fields) {
        Map<String, Field> m = new LinkedHashMap<>();
        for (Field f : fields) {
            m.put(f.path().toString(), f);
        }
        return m;
    }
}
