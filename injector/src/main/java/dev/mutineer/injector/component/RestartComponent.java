package dev.mutineer.injector.component;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentControl;
import dev.mutineer.injector.fault.ComponentFault;

import java.time.Duration;

/** SIGKILL and an immediate start, as a crash-looping or upgraded component would. */
public final class RestartComponent extends ComponentFault {

    public RestartComponent() {
        super("restart-component", "SIGKILL a component's process (control plane, or a real node's daemon) and start it again at once.", null);
    }

    @Override
    protected void strike(ComponentControl control, Component component) {
        control.kill(component);
        control.restart(component);
    }

    @Override
    protected Runnable recovery(ComponentControl control, Component component) {
        return null;
    }

    @Override
    protected String description(String process, Duration after) {
        return "SIGKILL " + process + " and start it again at once";
    }
}
