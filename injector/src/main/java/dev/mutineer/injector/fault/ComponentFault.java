package dev.mutineer.injector.fault;

import dev.mutineer.cluster.ComponentControl;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.node.RealNodes;
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
 * A fault of a whole process: the study's faults were in stored state, but a real cluster also loses components,
 * and the same observation and classification apply. The subclass strikes the component and says how it comes back;
 * it comes back after {@code duration} (a timer of the injection, cancelled when the injection ends) or when the
 * fault ends, whichever is first.
 *
 * <p>The component is a control-plane process or a daemon of a real node (containerd, kubelet, kube-proxy). For a
 * node's daemon the spec's {@code node} parameter names the real node (the planner fills it in: the named one, or
 * each that runs it); without one the fault strikes that daemon on every real node.
 */
public abstract class ComponentFault extends DescribedFault {

    /** The target kind of a component fault: the target's name is the component's binary name. */
    public static final String TARGET_KIND = "Component";

    /** The parameter that names a real node: a node component's process on that node only. */
    public static final String NODE = "node";

    private static final Parameter COMPONENT_PARAMETER = Parameter.fixed("component",
            "etcd, kube-apiserver, kube-controller-manager, kube-scheduler or kwok (default: each of these); "
                    + "containerd, kubelet or kube-proxy of a real node", ParameterType.TEXT);
    private static final Parameter NODE_PARAMETER = Parameter.fixed(NODE,
            "with containerd, kubelet or kube-proxy: the real node (real-node-0, ...; default: each that runs it)", ParameterType.TEXT);

    private final List<Parameter> parameters;

    /** @param durationDoc what {@code duration} means for this fault; null when it takes none */
    protected ComponentFault(String name, String doc, String durationDoc) {
        super(name, doc);
        this.parameters = durationDoc == null ? List.of(COMPONENT_PARAMETER, NODE_PARAMETER)
                : List.of(COMPONENT_PARAMETER, NODE_PARAMETER, Parameter.fixed("duration", durationDoc, ParameterType.DURATION));
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
        Component component = null;
        if (parameters.containsKey("component")) {
            try {
                component = Component.parse(parameters.get("component"));
            } catch (IllegalArgumentException e) {
                out.add(new ParameterProblem("component", name() + ": " + e.getMessage()));
            }
        }
        String node = parameters.get(NODE);
        if (node != null && (component == null || !component.onNode())) {
            out.add(new ParameterProblem(NODE, name() + ": node '" + node + "' names a real node, but "
                    + (component == null ? "no component is named" : component.binary() + " runs on the control plane")
                    + "; node goes with component: containerd, kubelet or kube-proxy"));
        } else if (node != null && !node.matches(java.util.regex.Pattern.quote(RealNodes.NAME_PREFIX) + "(0|[1-9][0-9]?)")) {
            out.add(new ParameterProblem(NODE, name() + ": node '" + node + "' is not a real node's name (real-node-0, real-node-1, ...)"));
        }
        return out;
    }

    /** Stops, kills or restarts the component. */
    protected abstract void strike(ComponentControl control, Component component);

    /** How the component comes back when the fault ends; null when the strike leaves it running. */
    protected abstract Runnable recovery(ComponentControl control, Component component);

    /** One line for the journal: what was done to {@code process} ("kube-scheduler", "kubelet on real-node-0") and how it comes back. */
    protected abstract String description(String process, Duration after);

    @Override
    public ActiveFault inject(FaultContext context, InjectionSpec spec) {
        check(spec.parameters());
        Component component = Component.parse(spec.target().name());
        String node = spec.parameters().get(NODE);
        String key = "component/" + (node == null ? "" : node + "/") + component.binary();
        ComponentControl control;
        try {
            control = node == null ? context.components() : context.components().node(node);
        } catch (IllegalArgumentException e) {
            return notActivated(spec, key, e.getMessage());
        }
        if (!control.components().contains(component)) {
            return notActivated(spec, key, "the " + control.backend() + " backend does not control " + component.binary());
        }
        Duration after = spec.parameters().containsKey("duration") ? Durations.parse(spec.parameters().get("duration")) : null;
        String before = control.state(component).name();
        strike(control, component);
        Runnable recovery = recovery(control, component);
        Recovery once = recovery == null ? null : new Recovery(recovery);
        ScheduledFuture<?> timer = once != null && after != null ? context.timers().after(after, once) : null;
        FaultEvidence record = new FaultEvidence(spec.id(), key, Activation.INJECTED, "", 0, 0, "state", before,
                control.state(component).name(), List.of(), true, "", true, null, 1, Instant.now(), description(component.binary() + (node == null ? "" : " on " + node), after));
        return new Done(spec, record, once, timer);
    }

    private static ActiveFault notActivated(InjectionSpec spec, String key, String why) {
        return new Done(spec, new FaultEvidence(spec.id(), key, Activation.NOT_ACTIVATED, why, 0, 0, "", "", "", List.of(),
                true, "", true, null, 1, Instant.now(), ""), null, null);
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
