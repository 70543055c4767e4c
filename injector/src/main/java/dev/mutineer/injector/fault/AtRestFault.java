package dev.mutineer.injector.fault;

import dev.mutineer.injector.inject.FaultEvidence;
import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;
import dev.mutineer.injector.inject.StoredValue;
import dev.mutineer.injector.operator.FaultOperator;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.injector.spec.Target;

import java.util.Map;
import java.util.Optional;

/**
 * A fault in a stored value: the subclass says how it mutates a value ({@link FaultOperator#apply}); the
 * {@link dev.mutineer.injector.inject.AtRestInjector} reads, mutates and writes it guarded on the mod revision.
 */
public abstract class AtRestFault implements Fault, FaultOperator {

    @Override
    public final Family family() {
        return Family.AT_REST;
    }

    /** Every at-rest fault with parameters draws the unset ones from the seed. */
    @Override
    public boolean usesSeed(Map<String, String> parameters) {
        return !parameters().isEmpty();
    }

    /** Whether the mutation removes the key (then "still stored" means "still absent"). */
    protected boolean deletes() {
        return false;
    }

    /** The object written: the record's key names it. */
    @Override
    public Target struck(InjectionSpec spec, FaultEvidence record) {
        ResourceKind kind = ResourceKinds.require(spec.target().kind());
        Target t = spec.target();
        if (record.key().isEmpty()) {
            return new Target(kind.kind(), t.namespace(), t.name(), t.selector());
        }
        return Target.named(kind.kind(), t.namespace(), record.key().substring(record.key().lastIndexOf('/') + 1));
    }

    @Override
    public ActiveFault inject(FaultContext context, InjectionSpec spec) {
        FaultEvidence record = context.atRest().inject(spec, context.replayParameters());
        return new Active(context, record, deletes());
    }

    private static final class Active implements ActiveFault {
        private final FaultContext context;
        private final FaultEvidence record;
        private final boolean deletes;
        private Optional<StoredValue> atEnd;

        Active(FaultContext context, FaultEvidence record, boolean deletes) {
            this.context = context;
            this.record = record;
            this.deletes = deletes;
        }

        @Override
        public FaultEvidence record() {
            return record;
        }

        @Override
        public void end() {
            // The corrupted value stays until the next restore: that is what LATENT looks for.
        }

        @Override
        public synchronized Optional<StoredValue> storedAtEnd() {
            if (atEnd == null) {
                atEnd = record.key().isEmpty() ? Optional.empty() : context.store().get(record.key());
            }
            return atEnd;
        }

        /** Unchanged since the write means the corrupted value is still what etcd holds (a deletion: still gone). */
        @Override
        public boolean corruptedStillStored() {
            if (!record.injected()) {
                return false;
            }
            Optional<StoredValue> now = storedAtEnd();
            return deletes ? now.isEmpty() : now.map(v -> v.modRevision() == record.revisionAfter()).orElse(false);
        }
    }
}
