package dev.mutineer.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mutineer.classifier.Outcome;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of a campaign's {@code expect} list, as written; exactly one form per entry:
 * <pre>
 * - none: CLUSTER_WIDE             no injection that matches 'where' ends in this class
 *   where: {operator: dependency}
 * - at-most: 5% OVER_PROVISIONING  the class's share of the activated matching injections
 * - at-least: 50% NO_EFFECT
 * - id: 3f9k2m8q1z                 this injection (every variant and repetition of it) ends in this class
 *   is: NO_EFFECT
 * </pre>
 * The validator ({@link ExpectationValidator}) checks the forms; evaluation lives in
 * {@link dev.mutineer.campaign.expect.ExpectationCheck}.
 */
public record Expectation(String none, String atMost, String atLeast, String id, String is, ExpectFilter where) {

    /** "5% OVER_PROVISIONING", "12.5 % under_provisioning". */
    private static final Pattern SHARE = Pattern.compile("\\s*(\\d{1,3}(?:\\.\\d+)?)\\s*%\\s+(\\S+)\\s*");

    public enum Form { NONE, AT_MOST, AT_LEAST, IS }

    public Expectation {
        where = where == null ? ExpectFilter.ANY : where;
    }

    @JsonCreator
    static Expectation fromYaml(@JsonProperty("none") String none,
                                @JsonProperty("at-most") String atMost,
                                @JsonProperty("at-least") String atLeast,
                                @JsonProperty("id") String id,
                                @JsonProperty("is") String is,
                                @JsonProperty("where") ExpectFilter where) {
        return new Expectation(none, atMost, atLeast, id, is, where);
    }

    public static Expectation none(Outcome o, ExpectFilter where) {
        return new Expectation(o.name(), null, null, null, null, where);
    }

    public static Expectation atMost(double percent, Outcome o, ExpectFilter where) {
        return new Expectation(null, percent + "% " + o.name(), null, null, null, where);
    }

    public static Expectation atLeast(double percent, Outcome o, ExpectFilter where) {
        return new Expectation(null, null, percent + "% " + o.name(), null, null, where);
    }

    public static Expectation stays(String id, Outcome o) {
        return new Expectation(null, null, null, id, o.name(), null);
    }

    /** The form of a validated entry. */
    public Form form() {
        if (none != null) return Form.NONE;
        if (atMost != null) return Form.AT_MOST;
        if (atLeast != null) return Form.AT_LEAST;
        return Form.IS;
    }

    /** The class the entry names (validated entries only). */
    public Outcome outcome() {
        String text = switch (form()) {
            case NONE -> none;
            case IS -> is;
            case AT_MOST, AT_LEAST -> share(form() == Form.AT_MOST ? atMost : atLeast).orElseThrow().className();
        };
        return outcomeNamed(text).orElseThrow();
    }

    /** The share bound as a fraction in 0..1 (AT_MOST and AT_LEAST only). */
    public double bound() {
        return share(form() == Form.AT_MOST ? atMost : atLeast).orElseThrow().percent() / 100;
    }

    /** How the entry reads in messages and test names: "at-most 5% OVER_PROVISIONING where operator=value". */
    public String describe() {
        String head = switch (form()) {
            case NONE -> "none " + outcome();
            case AT_MOST -> "at-most " + percentText(bound()) + " " + outcome();
            case AT_LEAST -> "at-least " + percentText(bound()) + " " + outcome();
            case IS -> "id " + id + " is " + outcome();
        };
        return where.isAny() ? head : head + " where " + where.describe();
    }

    static String percentText(double fraction) {
        double p = fraction * 100;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%s", p)) + "%";
    }

    /** A share bound's parts, written "5% OVER_PROVISIONING". */
    record Share(double percent, String className) {
    }

    static Optional<Share> share(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SHARE.matcher(text);
        return m.matches() ? Optional.of(new Share(Double.parseDouble(m.group(1)), m.group(2))) : Optional.empty();
    }

    /** A class by name; lower case and '-' are accepted ("cluster-wide"), as people write them. */
    static Optional<Outcome> outcomeNamed(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String n = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Outcome o : Outcome.values()) {
            if (o.name().equals(n)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
