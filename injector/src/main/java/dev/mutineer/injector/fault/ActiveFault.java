package dev.mutineer.injector.fault;

import dev.mutineer.injector.inject.FaultEvidence;
import dev.mutineer.injector.inject.StoredValue;

import java.util.Optional;

/** A fault once injected: whether it took, how it ends, what it did. */
public interface ActiveFault {

    /**
     * What the fault did, the evidence for the journal: before {@link #end} what is known so far, after it the
     * final account (an in-flight rule that never fired turns NOT_ACTIVATED when it ends).
     */
    FaultEvidence record();

    /** Whether the fault took effect; when not, {@code record().reason()} says why. */
    default boolean activated() {
        return record().injected();
    }

    /** Ends the fault (clears a rule, resumes or restarts a component, cancels its timers); at rest nothing. */
    void end();

    /** Whether the corrupted value is still what the store holds (after {@link #end}); only at rest can it be. */
    default boolean corruptedStillStored() {
        return false;
    }

    /** The struck key's value at the end, read once after {@link #end}; empty when the fault is not at rest. */
    default Optional<StoredValue> storedAtEnd() {
        return Optional.empty();
    }
}
