package dev.mutineer.injector.fault;

import dev.mutineer.cluster.Cluster;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;

import java.util.List;

/** The part of a cluster that component faults act on; its own interface so that tests can stand in for it. */
public interface ComponentControl {

    String backend();

    List<Component> components();

    ComponentState state(Component component);

    void pause(Component component);

    void resume(Component component);

    void kill(Component component);

    void restart(Component component);

    static ComponentControl of(Cluster cluster) {
        return new ComponentControl() {
            public String backend() {
                return cluster.backend();
            }

            public List<Component> components() {
                return cluster.components();
            }

            public ComponentState state(Component c) {
                return cluster.state(c);
            }

            public void pause(Component c) {
                cluster.pause(c);
            }

            public void resume(Component c) {
                cluster.resume(c);
            }

            public void kill(Component c) {
                cluster.kill(c);
            }

            public void restart(Component c) {
                cluster.restart(c);
            }
        };
    }
}
