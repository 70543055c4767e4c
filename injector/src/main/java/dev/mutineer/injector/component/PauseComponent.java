package dev.mutineer.injector.component;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentControl;
import dev.mutineer.injector.fault.ComponentFault;

import java.time.Duration;

/** SIGSTOP: connections stay open, nothing answers; SIGCONT after duration or when the fault ends. */
public final class PauseComponent extends ComponentFault {

    public PauseComponent() {
        super("pause-component", "SIGSTOP a component's process (control plane, or a real node's daemon); SIGCONT after duration (default: when the observation ends).", "SIGCONT after this long");
    }

    @Override
    protected void strike(ComponentControl control, Component component) {
        control.pause(component);
    }

    @Override
    protected Runnable recovery(ComponentControl control, Component component) {
        return () -> control.resume(component);
    }

    @Override
    protected String description(String process, Duration after) {
        return "SIGSTOP " + process + (after == null ? " until the fault ends" : ", SIGCONT after " + after);
    }
}
