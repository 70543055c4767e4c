package dev.mutineer.injector.operator;

import java.util.regex.Pattern;

/**
 * One field that ties an object to another, from the per-kind catalog.
 *
 * @param kinds     kinds that carry the field (regex on the kind)
 * @param path      the field's path pattern (regex on {@code FieldPath.pattern()}, indices as *)
 * @param role      what the field holds, which decides how to break it
 * @param referent  the kind the field points at; null: read from the sibling "kind" field
 *                  (ownerReferences, targetRef, roleRef)
 */
public record DependencyLink(Pattern kinds, Pattern path, Role role, String referent) {

    public enum Role {
        /** metadata.uid of the referent. */
        UID,
        /** metadata.name of the referent. */
        NAME,
        /** The kind in an ownerReference. */
        OWNER_KIND,
        /** ownerReferences[].controller. */
        CONTROLLER_FLAG,
        /** A label other objects select on. */
        LABEL,
        /** A selector term that picks labelled objects. */
        SELECTOR,
        /** A finalizer some controller must remove. */
        FINALIZER,
        /** Lease holderIdentity. */
        HOLDER
    }

    static DependencyLink of(String kinds, String path, Role role, String referent) {
        return new DependencyLink(Pattern.compile(kinds), Pattern.compile(path), role, referent);
    }

    public boolean matches(String kind, String pathPattern) {
        return kinds.matcher(kind).matches() && path.matcher(pathPattern).matches();
    }
}
