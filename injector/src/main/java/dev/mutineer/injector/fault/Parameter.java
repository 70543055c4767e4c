package dev.mutineer.injector.fault;

/**
 * One parameter of a fault.
 *
 * @param name   as campaign files spell it
 * @param doc    one line a person reads
 * @param type   the values it takes
 * @param seeded whether the fault draws it from the injection's seed when the campaign leaves it unset
 */
public record Parameter(String name, String doc, ParameterType type, boolean seeded) {

    public static Parameter fixed(String name, String doc, ParameterType type) {
        return new Parameter(name, doc, type, false);
    }

    public static Parameter drawn(String name, String doc, ParameterType type) {
        return new Parameter(name, doc, type, true);
    }
}
