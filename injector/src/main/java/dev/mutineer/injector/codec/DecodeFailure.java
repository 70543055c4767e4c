package dev.mutineer.injector.codec;

/**
 * A value that does not decode.
 *
 * @param kind   CORRUPT: the API server would refuse it too (the resource type becomes unreadable);
 *               UNSUPPORTED: well formed, but client-java-proto has no type for it, so mutineer
 *               cannot look inside (the API server may still read it)
 * @param reason what is wrong, in the words of the check that failed
 */
public record DecodeFailure(Kind kind, String reason) implements DecodeResult {

    public enum Kind { CORRUPT, UNSUPPORTED }

    static DecodeFailure corrupt(String reason) {
        return new DecodeFailure(Kind.CORRUPT, reason);
    }

    static DecodeFailure unsupported(String reason) {
        return new DecodeFailure(Kind.UNSUPPORTED, reason);
    }
}
