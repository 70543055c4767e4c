package dev.mutineer.injector.codec;

/** What {@link StorageCodec#decode} makes of a stored value: an object, or a failure with its reason. */
public sealed interface DecodeResult permits StoredObject, DecodeFailure {

    default boolean decoded() {
        return this instanceof StoredObject;
    }
}
