package dev.mutineer.campaign.expect;

import dev.mutineer.campaign.Expectation;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.results.ExpectationResult;
import dev.mutineer.results.JournalRecord;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a campaign's expectations against its recorded injections: a pure function of the two. Each expectation
 * is checked once per cluster configuration (a differential campaign's variants are different systems; pooling
 * them would hide a regression in one behind the other). Shares are of the activated injections, as in the report:
 * NOT_ACTIVATED stays out of them.
 */
public final class ExpectationCheck {

    /** Share comparisons in counts, free of rounding: 1 of 20 is exactly 5%. */
    private static final double EPSILON = 1e-9;

    private ExpectationCheck() {
    }

    /** Every expectation against every configuration the records hold, in expectation order. */
    public static List<ExpectationResult> check(List<Expectation> expectations, List<JournalRecord> records) {
        Set<String> variants = new LinkedHashSet<>();
        records.forEach(r -> variants.add(r.variant()));
        if (variants.isEmpty()) {
            variants.add(JournalRecord.DEFAULT_VARIANT);
        }
        List<ExpectationResult> out = new ArrayList<>();
        for (Expectation e : expectations) {
            for (String variant : variants) {
                if (e.where().variant() != null && !e.where().variant().equals(variant)) {
                    continue;
                }
                List<JournalRecord> ofVariant = records.stream().filter(r -> r.variant().equals(variant)).toList();
                out.add(check(e, variant, ofVariant));
            }
        }
        return out;
    }

    /** Whether any result is violated. */
    public static boolean anyViolated(List<ExpectationResult> results) {
        return results.stream().anyMatch(ExpectationResult::violated);
    }

    static ExpectationResult check(Expectation e, String variant, List<JournalRecord> records) {
        Outcome o = e.outcome();
        if (e.form() == Expectation.Form.IS) {
            return stays(e, variant, records, o);
        }
        List<JournalRecord> matching = records.stream().filter(e.where()::matches).toList();
        List<JournalRecord> activated = matching.stream().filter(r -> r.outcome() != Outcome.NOT_ACTIVATED).toList();
        List<String> inClass = ids(matching.stream().filter(r -> r.outcome() == o).toList());
        String scope = e.where().isAny() ? "injections" : "matching injections";
        return switch (e.form()) {
            case NONE -> new ExpectationResult(e.describe(), variant, !inClass.isEmpty(),
                    inClass.size() + " of " + matching.size() + " " + scope + " ended " + o, inClass);
            case AT_MOST -> {
                boolean violated = inClass.size() > e.bound() * activated.size() + EPSILON;
                yield new ExpectationResult(e.describe(), variant, violated, shareText(inClass.size(), activated.size(), o, scope)
                        + (violated ? ", more than " + percent(e.bound()) : ""), violated ? inClass : List.of());
            }
            case AT_LEAST -> {
                if (activated.isEmpty()) {
                    yield new ExpectationResult(e.describe(), variant, false,
                            "no activated " + scope.replace("injections", "injection") + "; nothing to check", List.of());
                }
                boolean violated = inClass.size() < e.bound() * activated.size() - EPSILON;
                // Behind a shortfall are the injections that ended elsewhere.
                List<String> others = ids(activated.stream().filter(r -> r.outcome() != o).toList());
                yield new ExpectationResult(e.describe(), variant, violated, shareText(inClass.size(), activated.size(), o, scope)
                        + (violated ? ", less than " + percent(e.bound()) + "; the others" : ""), violated ? others : List.of());
            }
            case IS -> throw new IllegalStateException("handled above");
        };
    }

    /** An ID expectation covers every repetition of the injection ("ID.2") in this configuration ("ID.variant"). */
    private static ExpectationResult stays(Expectation e, String variant, List<JournalRecord> records, Outcome o) {
        String id = e.id().strip();
        List<JournalRecord> runs = records.stream().filter(r -> r.id().equals(id) || r.id().startsWith(id + ".")).toList();
        if (runs.isEmpty()) {
            return new ExpectationResult(e.describe(), variant, true,
                    "no record of " + id + " (not run yet, or not an injection of this campaign: see 'mutineer plan')", List.of(id));
        }
        List<JournalRecord> other = runs.stream().filter(r -> r.outcome() != o).toList();
        String detail = other.isEmpty() ? (runs.size() == 1 ? "ended " + o : "all " + runs.size() + " runs ended " + o)
                : other.size() + " of " + runs.size() + (runs.size() == 1 ? " run" : " runs") + " ended otherwise: "
                        + String.join(", ", other.stream().map(r -> r.id() + " " + r.outcome()).toList());
        return new ExpectationResult(e.describe(), variant, !other.isEmpty(), detail, ids(other));
    }

    private static String shareText(int n, int activated, Outcome o, String scope) {
        return n + " of " + activated + " activated " + scope + " ended " + o
                + (activated == 0 ? "" : " (" + percent((double) n / activated) + ")");
    }

    private static String percent(double fraction) {
        double p = fraction * 100;
        return (Math.abs(p - Math.rint(p)) < EPSILON ? String.valueOf(Math.round(p)) : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }

    private static List<String> ids(List<JournalRecord> records) {
        return records.stream().map(JournalRecord::id).toList();
    }
}
