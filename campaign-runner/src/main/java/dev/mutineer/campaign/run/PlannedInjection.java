package dev.mutineer.campaign.run;

import dev.mutineer.injector.spec.InjectionSpec;

/**
 * One injection of a campaign's plan.
 *
 * @param spec       what to inject; its ID names the injection
 * @param faultIndex which entry of the campaign's {@code faults} list it came from
 */
public record PlannedInjection(InjectionSpec spec, int faultIndex) {

    public String id() {
        return spec.id();
    }
}
