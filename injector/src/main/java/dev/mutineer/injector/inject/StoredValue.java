package dev.mutineer.injector.inject;

/** One etcd key as read: its value and the mod revision it was last written at. */
public record StoredValue(String key, byte[] value, long modRevision) { }
