package dev.mutineer.injector.component;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentControl;
import dev.mutineer.injector.fault.ComponentFault;

import java.time.Duration;

/** SIGKILL; started again after duration or when the fault ends. */
public final class KillComponent extends ComponentFault {

    public KillComponent() {
        super("kill-component", "SIGKILL a component's process (control plane, or a real node's daemon); started again after duration (default: when the observation ends).", "started again after this long");
    }

    @Override
    protected void strike(ComponentControl control, Component component) {
        control.kill(component);
    }

    @Override
    protected Runnable recovery(ComponentControl control, Component component) {
        return () -> control.restart(component);
    }

    @Override
    protected String description(String process, Duration after) {
        return "SIGKILL " + process + (after == null ? ", not restarted until the fault ends" : ", started again after " + after);
    }
}
