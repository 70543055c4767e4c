package dev.mutineer.cluster;

import java.util.Arrays;
import java.util.Locale;

/** The processes of a control plane that faults can target. */
public enum Component {
    ETCD("etcd"),
    APISERVER("kube-apiserver"),
    CONTROLLER_MANAGER("kube-controller-manager"),
    SCHEDULER("kube-scheduler"),
    KWOK("kwok");

    private final String binary;

    Component(String binary) {
        this.binary = binary;
    }

    /** The executable's file name, also used for log and PID file names. */
    public String binary() {
        return binary;
    }

    /** Accepts the binary name ("kube-apiserver"), a short name ("apiserver") or the enum name. */
    public static Component parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Component c : values()) {
            if (c.binary.equals(n) || c.binary.equals("kube-" + n) || c.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(n)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown component '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Component::binary).toList());
    }
}
