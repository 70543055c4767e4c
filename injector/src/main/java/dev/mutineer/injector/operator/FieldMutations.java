package dev.mutineer.injector.operator;

import dev.mutineer.injector.catalog.Field;
import dev.mutineer.injector.catalog.FieldCatalog;
import dev.mutineer.injector.catalog.FieldEdit;
import dev.mutineer.injector.catalog.FieldEditor;
import dev.mutineer.injector.catalog.FieldPath;
import dev.mutineer.injector.catalog.FieldType;
import dev.mutineer.injector.codec.StorageCodec;
import dev.mutineer.injector.codec.StorageFormat;
import dev.mutineer.injector.codec.WireEditor;
import dev.mutineer.injector.codec.StoredObject;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Shared steps of the operators that change one decoded field and encode the object again. */
final class FieldMutations {

    private static final StorageCodec CODEC = new StorageCodec();

    private FieldMutations() {
    }

    /**
     * Applies the edit. A new value for a present scalar, string or quantity field of a
     * protobuf object is spliced into the original bytes (every other byte stays as the API
     * server wrote it); other edits go through the decoded object and are encoded again.
     */
    static Mutation edit(byte[] original, StoredObject object, FieldPath path, FieldEdit edit, String description) {
        return edit(original, object, path, FieldCatalog.find(object, path).map(Field::display).orElse(""), edit, description);
    }

    /** The same, for a field whose row the caller already has (saves a catalog walk). */
    static Mutation edit(byte[] original, StoredObject object, Field field, FieldEdit edit, String description) {
        return edit(original, object, field.path(), field.display(), edit, description);
    }

    private static Mutation edit(byte[] original, StoredObject object, FieldPath path, String before, FieldEdit edit, String description) {
        if (object.format() == StorageFormat.PROTOBUF && edit instanceof FieldEdit.Set set
                && (set.value() instanceof String || set.value() instanceof Number || set.value() instanceof Boolean)) {
            Optional<byte[]> spliced = WireEditor.set(original, object.message().getDescriptorForType(), path, set.value());
            if (spliced.isPresent()) {
                // a scalar shows in the catalog as its plain text
                return new Mutation(spliced.get(), path.toString(), before, String.valueOf(set.value()), description);
            }
        }
        StoredObject changed;
        try {
            changed = FieldEditor.apply(object, path, edit);
        } catch (IllegalArgumentException e) {
            throw new NotApplicableException(e.getMessage());
        }
        String after = edit instanceof FieldEdit.Remove ? "(removed)"
                : FieldCatalog.find(changed, path).map(Field::display).orElse("(absent)");
        return new Mutation(CODEC.encode(changed), path.toString(), before, after, description);
    }

    /** The named field, or one chosen at random among the rows that pass the filter. */
    static Field pick(OperatorInput in, Predicate<Field> eligible, String what) {
        String named = in.parameters().get("field");
        if (named != null) {
            FieldPath wanted = FieldPath.parse(named);
            return FieldCatalog.find(in.object(), wanted)
                    .orElseThrow(() -> new NotApplicableException(in.object() + " has no field " + wanted));
        }
        List<Field> candidates = FieldCatalog.of(in.object()).stream().filter(eligible).toList();
        if (candidates.isEmpty()) {
            throw new NotApplicableException(in.object() + " has no " + what);
        }
        // by path, not by index: another copy of the object may have more or fewer fields (see StableDraw)
        return StableDraw.pick(candidates, f -> f.path().toString(), f -> 1, in.random().nextLong());
    }

    static boolean isLeaf(Field f) {
        return f.type() != FieldType.LIST && f.type() != FieldType.MAP && f.type() != FieldType.OBJECT;
    }
}
