package dev.mutineer.injector.fault;

import dev.mutineer.cluster.ComponentControl;
import dev.mutineer.cluster.Component;
import dev.mutineer.injector.inject.FaultEvidence;
import dev.mutineer.injector.inject.Activation;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.injector.spec.Target;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fault of a whole control-plane process: the study's faults were in stored state, but a real cluster also
 * loses components, and the same observation and classification apply. The subclass strikes the component and
 * says how it comes back; it comes back after {@code duration} (a timer of the injection, cancelled when the
 * injection ends) or when the fault ends, whichever is first.
 */
public abstract class ComponentFault extends DescribedFault {

    /** The target kind of a component fault: the target's name is the component's binary name. */
    public static final String TARGET_KIND = "Component";

    private static final Parameter COMPONENT_PARAMETER = Parameter.fixed("component",
            "etcd, kube-apiserver, kube-controller-manager, kube-scheduler or kwok (default: each)", ParameterType.TEXT);

    private final List<Parameter> parameters;

    /** @param durationDoc what {@code duration} means for this fault; null when it takes none */
    protected ComponentFault(String name, String doc, String durationDoc) {
        super(name, doc);
        this.parameters = durationDoc == null ? List.of(COMPONENT_PARAMETER)
                : List.of(COMPONENT_PARAMETER, Parameter.fixed("duration", durationDoc, ParameterType.DURATION));
    }

    @Override
    public final List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public final Family family() {
        return Family.COMPONENT;
    }

    /** The component is the target; nothing is drawn. */
    @Override
    public boolean usesSeed(Map<String, String> parameters) {
        return false;
    }

    @Override
    public List<ParameterProblem> combinationProblems(Map<String, String> parameters) {
        List<ParameterProblem> out = new ArrayList<>();
        if (parameters.containsKey("component")) {
            try {
                Component.parse(parameters.get("component"));
            } catch (IllegalArgumentException e) {
                out.add(new ParameterProblem("component", name() + ": " + e.getMessage()));
            }
        }
        return out;
    }

    /** Stops, kills or restarts the component. */
    protected abstract void strike(ComponentControl control, Component component);

    /** How the component comes back when the fault ends; null when the strike leaves it running. */
    protected abstract Runnable recovery(ComponentControl control, Component component);

    /** One line for the journal: what was done and how it comes back. */
    protected abstract String description(Component component, Duration after);

    @Override
    public ActiveFault inject(FaultContext context, InjectionSpec spec) {
        check(spec.parameters());
        ComponentControl control = context.components();
        Component component = Component.parse(spec.target().name());
        String key = "component/" + component.binary();
        if (!control.components().contains(component)) {
            return new Done(spec, new FaultEvidence(spec.id(), key, Activation.NOT_ACTIVATED, "the " + control.backend()
                    + " backend does not control " + component.binary(), 0, 0, "", "", "", List.of(), true, "", true, null, 1,
                    Instant.now(), ""), null, null);
        }
        Duration after = spec.parameters().containsKey("duration") ? Durations.parse(spec.parameters().get("duration")) : null;
        String before = control.state(component).name();
        strike(control, component);
        Runnable recovery = recovery(control, component);
        Recovery once = recovery == null ? null : new Recovery(recovery);
        ScheduledFuture<?> timer = once != null && after != null ? context.timers().after(after, once) : null;
        FaultEvidence record = new FaultEvidence(spec.id(), key, Activation.INJECTED, "", 0, 0, "state", before,
                control.state(component).name(), List.of(), true, "", true, null, 1, Instant.now(), description(component, after));
        return new Done(spec, record, once, timer);
    }

    /** Runs the recovery at most once, from the timer or from end(), whichever comes first; failures are expected. */
    private static final class Recovery implements Runnable {
        private final Runnable action;
        private final AtomicBoolean done = new AtomicBoolean();

        Recovery(Runnable action) {
            this.action = action;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                try {
                    action.run();
                } catch (RuntimeException ignored) {
                    // A restore (or the cluster's close) got there first; the reset brings every component back.
                }
            }
        }
    }

    private record Done(InjectionSpec spec, FaultEvidence record, Recovery recovery, ScheduledFuture<?> timer)
            implements ActiveFault {

        @Override
        public void end() {
            if (timer != null) {
                timer.cancel(false);
            }
            if (recovery != null) {
                recovery.run();
            }
        }
    }
}
