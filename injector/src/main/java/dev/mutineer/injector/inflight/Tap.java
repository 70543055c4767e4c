package dev.mutineer.injector.inflight;

/**
 * What the interposer does with the messages of one call. The default passes every message on
 * unchanged; a tap that acts on a rule may change, delay, answer or fail instead.
 */
interface Tap {

    Tap PASS_THROUGH = new Tap() {
    };

    /** A message from the API server; pass it on with {@code call.toUpstream} (or don't). */
    default void onRequest(byte[] message, ProxiedCall call) {
        call.toUpstream(message);
    }

    /** A message from etcd; pass it on with {@code call.toClient} (or don't). */
    default void onResponse(byte[] message, ProxiedCall call) {
        call.toClient(message);
    }

    /** The call ended, either way; drop whatever is held for it. */
    default void onClose() {
    }
}
