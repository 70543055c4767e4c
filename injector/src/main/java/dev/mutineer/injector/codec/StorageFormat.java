package dev.mutineer.injector.codec;

/** How the API server stored a value: built-in types as protobuf, custom resources as JSON. */
public enum StorageFormat {
    PROTOBUF,
    JSON
}
