package dev.mutineer.injector.operator;

/** The operator cannot do what it was asked on this object; nothing was changed. */
public class NotApplicableException extends RuntimeException {
    public NotApplicableException(String message) {
        super(message);
    }
}
