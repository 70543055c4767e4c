package dev.mutineer.cluster.resource;

import java.util.regex.Pattern;

/**
 * A field that ties an object of one kind to another object: the study found errors in these caused half of the
 * cluster-wide failures.
 *
 * @param path     the field's path pattern (regex on the field catalog's path pattern, list indices as *)
 * @param role     what the field holds, which decides how to break it
 * @param referent the kind the field points at; null: read from the sibling "kind" field (ownerReferences,
 *                 targetRef, roleRef)
 */
public record DependencyField(Pattern path, Role role, String referent) {

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

    public static DependencyField of(String path, Role role, String referent) {
        return new DependencyField(Pattern.compile(path), role, referent);
    }

    public boolean matches(String pathPattern) {
        return path.matcher(pathPattern).matches();
    }
}
