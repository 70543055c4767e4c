package dev.mutineer.injector.fields;

/**
 * One line of {@code mutineer fields}.
 *
 * @param path       "spec.template.spec.containers[0].image" ([*] and [KEY] in a schema listing)
 * @param type       "string", "int64", "quantity", "list", ...
 * @param value      the current value as text; empty in a schema listing
 * @param dependency the dependency role ("name", "uid", "label", ...) when the field ties objects together, else ""
 */
public record FieldRow(String path, String type, String value, String dependency) { }
