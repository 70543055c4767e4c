package dev.mutineer.injector.inject;

import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;
import dev.mutineer.injector.codec.DecodeFailure;
import dev.mutineer.injector.codec.DecodeResult;
import dev.mutineer.injector.codec.JsonServability;
import dev.mutineer.injector.codec.StorageCodec;
import dev.mutineer.injector.codec.StoredObject;
import dev.mutineer.injector.operator.FaultOperator;
import dev.mutineer.injector.operator.Mutation;
import dev.mutineer.injector.operator.Neighbours;
import dev.mutineer.injector.operator.NotApplicableException;
import dev.mutineer.injector.operator.OperatorInput;
import dev.mutineer.injector.fault.Faults;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.injector.spec.Seeds;
import dev.mutineer.injector.spec.Target;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Injects at rest: reads the target's value and mod revision from etcd, applies the operator,
 * and writes the result in a transaction guarded on that mod revision, so a concurrent write
 * by the API server is never overwritten with a mutation of stale data. When the object moved
 * meanwhile the whole read-mutate-write is retried, up to {@code maxAttempts} times; a target
 * that is gone gives NOT_ACTIVATED.
 */
public final class AtRestInjector {

    public static final int DEFAULT_ATTEMPTS = 5;

    private final EtcdStore store;
    private final String prefix;
    private final Neighbours neighbours;
    private final int maxAttempts;
    private final Function<String, FaultOperator> operators;
    private final StorageCodec codec = new StorageCodec();

    public AtRestInjector(EtcdStore store, String prefix) {
        this(store, prefix, DEFAULT_ATTEMPTS);
    }

    public AtRestInjector(EtcdStore store, String prefix, int maxAttempts) {
        this(store, prefix, maxAttempts, Faults::operator);
    }

    /** With another operator lookup (tests use it to act between the read and the write). */
    AtRestInjector(EtcdStore store, String prefix, int maxAttempts, Function<String, FaultOperator> operators) {
        this.store = store;
        this.prefix = prefix;
        this.neighbours = new EtcdNeighbours(store, prefix);
        this.maxAttempts = maxAttempts;
        this.operators = operators;
    }

    public FaultEvidence inject(InjectionSpec spec) {
        return inject(spec, Map.of());
    }

    /**
     * The same, with parameters applied over the spec's: a replay passes the recorded
     * {@link FaultEvidence#replayParameters} so that the change lands where it landed when recorded.
     */
    public FaultEvidence inject(InjectionSpec spec, Map<String, String> replayParameters) {
        Map<String, String> parameters = new java.util.TreeMap<>(spec.parameters());
        parameters.putAll(replayParameters);
        FaultOperator operator = operators.apply(spec.operator());
        ResourceKind kind = ResourceKinds.require(spec.target().kind());
        Optional<String> key = resolve(kind, spec);
        if (key.isEmpty()) {
            return FaultEvidence.notActivated(spec.id(), "", 0, 0, "no " + kind.kind() + " matches " + spec.target());
        }
        long lastRevision = 0;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Optional<StoredValue> current = store.get(key.get());
            if (current.isEmpty()) {
                return FaultEvidence.notActivated(spec.id(), key.get(), lastRevision, attempt, "target gone: " + key.get() + " is not in etcd");
            }
            StoredValue before = current.get();
            lastRevision = before.modRevision();
            DecodeResult decoded = codec.decode(before.value());
            Mutation mutation;
            try {
                // a fresh Random per attempt: a retry computes the same choices on the new data
                mutation = operator.apply(new OperatorInput(before.value(), decoded, parameters, Seeds.forOperator(spec), neighbours));
            } catch (NotApplicableException e) {
                return FaultEvidence.notActivated(spec.id(), key.get(), before.modRevision(), attempt, "operator not applicable: " + e.getMessage());
            }
            OptionalLong after = store.writeIfUnchanged(key.get(), before.modRevision(), mutation.newValue());
            if (after.isPresent()) {
                return record(spec, key.get(), before, decoded, mutation, after.getAsLong(), attempt);
            }
        }
        return FaultEvidence.notActivated(spec.id(), key.get(), lastRevision, maxAttempts,
                "the object changed under each of " + maxAttempts + " attempts");
    }

    private FaultEvidence record(InjectionSpec spec, String key, StoredValue before, DecodeResult decoded, Mutation m,
                                   long revisionAfter, int attempts) {
        boolean decodes = true;
        boolean servable = true;
        String decodeError = "";
        List<FieldChange> changes = List.of();
        if (!m.deletes()) {
            DecodeResult after = codec.decode(m.newValue());
            if (after instanceof DecodeFailure f) {
                decodes = false;
                decodeError = f.reason();
            } else {
                servable = JsonServability.violation((StoredObject) after) == null;
                if (decoded instanceof StoredObject o) {
                    changes = CatalogDiff.diff(o, after);
                }
            }
        }
        return new FaultEvidence(spec.id(), key, Activation.INJECTED, "", before.modRevision(), revisionAfter,
                m.fieldPath(), m.oldValue(), m.newValueText(), changes, decodes, decodeError, servable,
                ByteDiff.of(before.value(), m.newValue()), attempts, Instant.now(), m.description(), m.replayParameters());
    }

    /** The key of the named object, or of the object the selector picks with the spec's target stream. */
    private Optional<String> resolve(ResourceKind kind, InjectionSpec spec) {
        Target t = spec.target();
        if (!t.name().isEmpty()) {
            return Optional.of(kind.key(prefix, t.namespace(), t.name()));
        }
        LabelSelector selector = LabelSelector.parse(t.selector());
        List<String> matching = store.list(kind.keyPrefix(prefix, t.namespace())).stream()
                .filter(v -> codec.tryDecode(v.value()).map(o -> selector.matches(o.labels())).orElse(false))
                .map(StoredValue::key)
                .toList();
        if (matching.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(matching.get(Seeds.forTarget(spec).nextInt(matching.size())));
    }
}
