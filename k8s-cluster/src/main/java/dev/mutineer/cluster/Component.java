package dev.mutineer.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The processes of a cluster that faults can target: the control plane's, and the daemons of its real nodes
 * (containerd, kubelet, kube-proxy; {@link #onNode}). A node component names the kind of process; which real
 * node's process is meant is the node's name beside it ({@link ComponentControl#node}).
 */
public enum Component {
    ETCD("etcd", false),
    APISERVER("kube-apiserver", false),
    CONTROLLER_MANAGER("kube-controller-manager", false),
    SCHEDULER("kube-scheduler", false),
    KWOK("kwok", false),
    CONTAINERD("containerd", true),
    KUBELET("kubelet", true),
    KUBE_PROXY("kube-proxy", true);

    private static final List<Component> CONTROL_PLANE = Arrays.stream(values()).filter(c -> !c.onNode).toList();
    private static final List<Component> NODE = Arrays.stream(values()).filter(c -> c.onNode).toList();

    private final String binary;
    private final boolean onNode;

    Component(String binary, boolean onNode) {
        this.binary = binary;
        this.onNode = onNode;
    }

    /** The executable's file name, also used for log and PID file names. */
    public String binary() {
        return binary;
    }

    /** Whether this is a daemon of a real node rather than a process of the control plane. */
    public boolean onNode() {
        return onNode;
    }

    /** etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok: in start order. */
    public static List<Component> controlPlane() {
        return CONTROL_PLANE;
    }

    /** containerd, kubelet, kube-proxy: in a real node's start order. */
    public static List<Component> nodeComponents() {
        return NODE;
    }

    /** Accepts the binary name ("kube-apiserver"), a short name ("apiserver", "proxy") or the enum name. */
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
