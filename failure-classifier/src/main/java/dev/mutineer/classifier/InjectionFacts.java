package dev.mutineer.classifier;

/**
 * What the injector knows and the observation cannot show.
 *
 * @param target                the injected object
 * @param activated             false when the target vanished or the write was refused
 * @param corruptedValueStored  true when the object's stored value at the end still holds the corrupted value
 */
public record InjectionFacts(InjectedObject target, boolean activated, boolean corruptedValueStored) {

    /** For golden runs and tests: nothing was injected into anything. */
    public static InjectionFacts none() {
        return new InjectionFacts(new InjectedObject("None", "", ""), true, false);
    }
}
