package dev.mutineer.injector.inject;

/** One decoded field whose value differs after the injection; "" stands for absent. */
public record FieldChange(String path, String before, String after) { }
