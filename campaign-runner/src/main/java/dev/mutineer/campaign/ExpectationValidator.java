package dev.mutineer.campaign;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.injector.spec.InjectionId;
import dev.mutineer.injector.fault.Family;
import dev.mutineer.injector.fault.Faults;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a campaign's {@code expect} list: one form per entry, known classes, shares within 0..100%, IDs
 * as the planner writes them, and filters that can match something this campaign records (its operators, kinds,
 * variants). A filter that could never match would make an expectation pass without checking anything.
 */
final class ExpectationValidator {

    private static final List<String> CLASSES = Arrays.stream(Outcome.values()).map(Outcome::name).toList();
    private static final List<String> FAMILIES = Arrays.stream(Family.values()).map(ExpectFilter::familyLabel).toList();
    private static final String FORMS = "'none: CLASS', 'at-most: 5% CLASS', 'at-least: 50% CLASS' or 'id: ID' with 'is: CLASS'";

    private final Campaign c;
    private final List<CampaignValidator.Finding> findings = new ArrayList<>();

    ExpectationValidator(Campaign campaign) {
        this.c = campaign;
    }

    List<CampaignValidator.Finding> validate() {
        for (int i = 0; i < c.expect().size(); i++) {
            entry("expect[" + i + "]", c.expect().get(i));
        }
        return findings;
    }

    private void entry(String field, Expectation e) {
        if (e == null) {
            add(field, "empty expectation; write one of " + FORMS);
            return;
        }
        List<String> forms = new ArrayList<>();
        if (e.none() != null) forms.add("none");
        if (e.atMost() != null) forms.add("at-most");
        if (e.atLeast() != null) forms.add("at-least");
        if (e.id() != null) forms.add("id");
        if (forms.isEmpty()) {
            add(field, e.is() != null ? "'is' needs the 'id' of the injection it speaks of" : "missing: one of " + FORMS);
            return;
        }
        if (forms.size() > 1) {
            add(field, "one expectation per entry, found " + String.join(" and ", forms) + "; write each as its own '- ' item");
            return;
        }
        switch (forms.get(0)) {
            case "none" -> className(field + ".none", e.none());
            case "at-most" -> share(field + ".at-most", e.atMost());
            case "at-least" -> share(field + ".at-least", e.atLeast());
            default -> id(field, e);
        }
        if (e.is() != null && e.id() == null) {
            add(field + ".is", "'is' belongs to an 'id' expectation; drop it or write 'id: ID'");
        }
        filter(field + ".where", e.where());
    }

    private Optional<Outcome> className(String field, String text) {
        if (text == null || text.isBlank()) {
            add(field, "missing: an outcome class (" + String.join(", ", CLASSES) + ")");
            return Optional.empty();
        }
        Optional<Outcome> o = Expectation.outcomeNamed(text);
        if (o.isEmpty()) {
            add(field, "unknown outcome class '" + text.strip() + "'" + Suggestions.didYouMean(text.strip(), CLASSES)
                    + " (expected one of " + String.join(", ", CLASSES) + ")");
        }
        return o;
    }

    private void share(String field, String text) {
        Optional<Expectation.Share> s = Expectation.share(text);
        if (s.isEmpty()) {
            add(field, "'" + text + "' is not a share bound; write a percentage and a class, e.g. '5% OVER_PROVISIONING'");
            return;
        }
        if (s.get().percent() > 100) {
            add(field, "a share is at most 100%, got " + s.get().percent() + "%");
        }
        className(field, s.get().className()).filter(o -> o == Outcome.NOT_ACTIVATED).ifPresent(o -> add(field,
                "NOT_ACTIVATED is kept out of the shares (a fault that never took effect says nothing); "
                        + "use 'none: NOT_ACTIVATED' to forbid it"));
    }

    private void id(String field, Expectation e) {
        if (e.id().isBlank() || !InjectionId.isWellFormed(e.id().strip())) {
            add(field + ".id", "'" + e.id() + "' is not an injection ID (" + InjectionId.LENGTH
                    + " characters of 0-9 and a-z without i, l, o, u, as 'mutineer plan' lists them)");
        }
        if (e.is() == null) {
            add(field + ".is", "missing: the class injection " + e.id() + " must end in, e.g. 'is: NO_EFFECT'");
        } else {
            className(field + ".is", e.is());
        }
    }

    private void filter(String field, ExpectFilter w) {
        List<String> operators = c.faults().stream().map(FaultSpec::operator).filter(o -> o != null).distinct().toList();
        if (w.operator() != null && !operators.contains(w.operator())) {
            add(field + ".operator", Faults.find(w.operator()).isPresent()
                    ? "this campaign plans no " + w.operator() + " fault (its operators: " + String.join(", ", operators) + ")"
                    : "unknown operator '" + w.operator() + "'" + Suggestions.didYouMean(w.operator(), operators)
                            + " (this campaign's operators: " + String.join(", ", operators) + ")");
        }
        if (w.family() != null && !FAMILIES.contains(w.family())) {
            add(field + ".family", "unknown family '" + w.family() + "'" + Suggestions.didYouMean(w.family(), FAMILIES)
                    + " (expected one of " + String.join(", ", FAMILIES) + ")");
        }
        if (w.kind() != null && !CampaignValidator.KNOWN_KINDS.contains(w.kind())) {
            add(field + ".kind", "unknown kind '" + w.kind() + "'" + Suggestions.didYouMean(w.kind(), CampaignValidator.KNOWN_KINDS));
        }
        if (w.field() != null) {
            if (w.field().isBlank()) {
                add(field + ".field", "empty pattern");
            } else {
                try {
                    Glob.field(w.field());
                } catch (IllegalArgumentException ex) {
                    add(field + ".field", ex.getMessage());
                }
            }
        }
        List<String> variants = c.clusterVariants().keySet().stream().filter(v -> v != null).toList();
        if (w.variant() != null && !variants.contains(w.variant())) {
            add(field + ".variant", "unknown variant '" + w.variant() + "'" + Suggestions.didYouMean(w.variant(), variants)
                    + " (this campaign's: " + String.join(", ", variants) + ")");
        }
    }

    private void add(String field, String message) {
        findings.add(new CampaignValidator.Finding(field, message));
    }
}
