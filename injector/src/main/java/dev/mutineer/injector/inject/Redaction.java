package dev.mutineer.injector.inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one place where what an injection did is made fit to record when it touched sensitive values (see
 * {@link Sensitivity}): every value of a sensitive field becomes {@link #token}, a hash prefix and a length, so the
 * journal, the reports, the logs and `reproduce` can still tell that a value changed, and whether two records saw the
 * same value, without holding it. The operator's description (which names the field and the change) is kept, with any
 * sensitive value it quotes replaced by its token.
 */
public final class Redaction {

    /** Values shorter than this are not searched for in free text: "0" or "ab" would blot out unrelated words. */
    private static final int MIN_SCRUBBED_LENGTH = 3;

    private Redaction() {
    }

    /**
     * How a sensitive value is recorded: {@code [redacted sha256:<12 hex> <n> chars]}, the hash of its text as the
     * field catalog shows it (base64 for a Secret's data, as {@code kubectl get secret -o yaml} shows it too).
     */
    public static String token(String value) {
        if (value == null || value.isEmpty()) {
            return value; // "absent" or empty: nothing to hide, and the difference matters
        }
        return "[redacted sha256:" + sha256(value).substring(0, 12) + " " + value.length() + " chars]";
    }

    /** The evidence with the values of sensitive fields of an object of {@code kind} replaced by their tokens. */
    public static FaultEvidence of(FaultEvidence e, String kind, Sensitivity sensitivity) {
        if (!sensitivity.anyIn(kind)) {
            return e;
        }
        Set<String> hidden = new LinkedHashSet<>();
        List<FieldChange> changes = new ArrayList<>();
        for (FieldChange c : e.changes()) {
            if (sensitivity.covers(kind, c.path())) {
                hidden.add(c.before());
                hidden.add(c.after());
                changes.add(new FieldChange(c.path(), token(c.before()), token(c.after())));
            } else {
                changes.add(c);
            }
        }
        // A field the operator aimed at, or raw bytes (a meaning-blind flip): of a kind with secrets, any byte may be one.
        boolean valuesSensitive = e.fieldPath().isEmpty() || sensitivity.covers(kind, e.fieldPath());
        String oldValue = e.oldValue();
        String newValue = e.newValue();
        if (valuesSensitive) {
            hidden.add(oldValue);
            hidden.add(newValue);
            oldValue = token(oldValue);
            newValue = token(newValue);
        }
        return new FaultEvidence(e.id(), e.key(), e.activation(), scrub(e.reason(), hidden), e.modRevisionBefore(),
                e.revisionAfter(), e.fieldPath(), oldValue, newValue, changes, e.decodesAfter(), scrub(e.decodeError(), hidden),
                e.jsonServableAfter(), bytes(e.byteDiff()), e.attempts(), e.injectedAt(), scrub(e.description(), hidden),
                e.replayParameters());
    }

    /** Text with every hidden value it quotes replaced by the value's token. */
    public static String scrub(String text, Set<String> hidden) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String h : hidden) {
            if (h != null && h.length() >= MIN_SCRUBBED_LENGTH) {
                out = out.replace(h, token(h));
            }
        }
        return out;
    }

    /** The byte changes with their offsets and lengths kept and their bytes hidden: they are the object's raw bytes. */
    private static ByteDiff bytes(ByteDiff d) {
        if (d == null) {
            return null;
        }
        return new ByteDiff(d.lengthBefore(), d.lengthAfter(), d.regions().stream()
                .map(r -> new ByteDiff.Region(r.offset(), token(r.before()), token(r.after()))).toList());
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
